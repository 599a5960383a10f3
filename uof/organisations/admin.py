from django.contrib import admin

from uof.access.admin_scope import ForceScopedAdmin

from .models import Collaboration, CustodySuite, District, Force


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
