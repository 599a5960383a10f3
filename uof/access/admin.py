from django.contrib import admin

from .admin_scope import ForceScopedAdmin
from .models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ForceScopedAdmin, admin.ModelAdmin):
    list_display = ["user", "role", "force"]
    list_filter = ["role", "force"]
    filter_horizontal = ["districts"]
    raw_id_fields = ["user"]
