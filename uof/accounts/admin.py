from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from uof.access.admin_scope import ForceScopedAdmin
from uof.access.policy import scope_of

from .models import User


@admin.register(User)
class UserAdmin(ForceScopedAdmin, BaseUserAdmin):
    list_display = ["username", "get_full_name", "collar_number", "force", "is_active"]
    list_filter = ["force", "is_active", "is_staff"]
    fieldsets = BaseUserAdmin.fieldsets + (("Force", {"fields": ("force", "collar_number", "external_id")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Force", {"fields": ("force", "collar_number", "email")}),)
    actions = ["deactivate"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if scope_of(request.user).superuser:
            return fieldsets
        # A force administrator cannot grant superuser or Django permissions (no escalation).
        hidden = {"is_superuser", "groups", "user_permissions", "is_staff"}
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]})
                for name, opts in fieldsets]

    @admin.action(description="Deactivate selected users (their reports are kept)")
    def deactivate(self, request, queryset):
        queryset.update(is_active=False)
