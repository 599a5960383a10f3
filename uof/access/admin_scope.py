"""Django admin for force administrators: only their own force's users and places.

Superusers see everything. A force administrator (is_staff plus the force_admin role) manages
users, districts, custody suites and role assignments of their forces; the rest of the admin
stays closed to them. Permissions come from the access policy, not Django's per-model grants.
"""
from __future__ import annotations

from .policy import scope_of


class ForceScopedAdmin:
    force_field = "force"

    def _admin_forces(self, request) -> set[int] | None:
        scope = scope_of(request.user)
        return None if scope.superuser else scope.admin_forces

    def _in_scope(self, request, obj) -> bool:
        forces = self._admin_forces(request)
        if forces is None:
            return True
        if not forces:
            return False
        return obj is None or getattr(obj, f"{self.force_field}_id") in forces

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        forces = self._admin_forces(request)
        return qs if forces is None else qs.filter(**{f"{self.force_field}__in": forces})

    def has_module_permission(self, request) -> bool:
        return self._in_scope(request, None)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._in_scope(request, obj)

    def has_add_permission(self, request) -> bool:
        return self._in_scope(request, None)

    def save_model(self, request, obj, form, change):
        forces = self._admin_forces(request)
        if forces is not None and getattr(obj, f"{self.force_field}_id") is None and len(forces) == 1:
            setattr(obj, f"{self.force_field}_id", next(iter(forces)))
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        forces = self._admin_forces(request)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if forces is not None and field is not None:
            if db_field.name == "force":
                field.queryset = field.queryset.filter(pk__in=forces)
            elif db_field.name == "district":
                field.queryset = field.queryset.filter(force_id__in=forces)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        forces = self._admin_forces(request)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if forces is not None and field is not None and db_field.name == "districts":
            field.queryset = field.queryset.filter(force_id__in=forces)
        return field
