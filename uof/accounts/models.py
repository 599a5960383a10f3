"""The user model: one per officer or member of staff.

Custom from the first migration so that single sign-on can later map an identity-provider
subject onto `external_id` without a data migration. Users are never deleted: deactivating
(is_active = False) stops sign-in and leaves every report they wrote untouched.
"""
from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    force = models.ForeignKey(
        "organisations.Force", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    collar_number = models.CharField(
        max_length=20, blank=True, help_text="Collar or warrant number, unique within the force."
    )
    external_id = models.CharField(
        max_length=200, blank=True, help_text="Identity-provider subject, for single sign-on."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["force", "collar_number"],
                condition=~models.Q(collar_number=""),
                name="collar_number_unique_in_force",
            )
        ]

    def __str__(self) -> str:
        name = self.get_full_name() or self.username
        return f"{name} ({self.collar_number})" if self.collar_number else name

    def delete(self, *args, **kwargs):
        raise PermissionError("Users are never deleted: set is_active to False instead.")
