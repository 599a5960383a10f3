from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "collar_number", "force", "is_active"]
    list_filter = ["force", "is_active", "is_staff"]
    fieldsets = BaseUserAdmin.fieldsets + (("Force", {"fields": ("force", "collar_number", "external_id")}),)
    actions = ["deactivate"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Deactivate selected users (their reports are kept)")
    def deactivate(self, request, queryset):
        queryset.update(is_active=False)
