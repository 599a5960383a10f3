"""The admin site's pages for roles and for the organisations they are held in.

Organisations' admin pages live here, not in uof/organisations: they are scoped by force through
the access policy, and organisations sits beneath access (access reads forces; forces know nothing
of roles).
"""
from django.contrib import admin

from uof.organisations.models import Collaboration, CustodySuite, District, Force

from .admin_scope import ForceScopedAdmin
from .models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ForceScopedAdmin, admin.ModelAdmin):
    list_display = ["user", "role", "force"]
    list_filter = ["role", "force"]
    filter_horizontal = ["districts"]
    raw_id_fields = ["user"]


@admin.register(Collaboration)
class CollaborationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "region", "collaboration"]


@admin.register(District)
class DistrictAdmin(ForceScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "force", "valid_from", "valid_to"]
    list_filter = ["force"]


@admin.register(CustodySuite)
class CustodySuiteAdmin(ForceScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "force", "district", "valid_from", "valid_to"]
    list_filter = ["force"]
