"""Role assignments. Every user with a force records their own reports (the officer role);
further roles are granted here, scoped to a force, its districts or a collaboration."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Role(models.TextChoices):
    SUPERVISOR = "supervisor", "Supervisor (reviews reports of their districts)"
    FORCE_ADMIN = "force_admin", "Force administrator (users, places, corrections, deletions)"
    ANALYST = "analyst", "Analyst (statistics of their force)"
    COLLABORATION_ANALYST = "collaboration_analyst", "Collaboration analyst (statistics of all its forces)"
    PROFESSIONAL_STANDARDS = "professional_standards", "Professional standards (reads all of their force and the audit log)"


class RoleAssignment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=30, choices=Role.choices)
    force = models.ForeignKey("organisations.Force", on_delete=models.PROTECT, related_name="+")
    districts = models.ManyToManyField("organisations.District", blank=True, related_name="+",
                                       help_text="Supervisors only: the districts whose reports they review.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role", "force"], name="one_role_per_force")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.force}"

    def clean(self) -> None:
        if self.role == Role.COLLABORATION_ANALYST and self.force_id and not self.force.collaboration_id:
            raise ValidationError({"force": "A collaboration analyst's force must belong to a collaboration."})
