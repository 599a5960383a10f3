from django.contrib import admin

from .models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "force"]
    list_filter = ["role", "force"]
    filter_horizontal = ["districts"]
    raw_id_fields = ["user"]
