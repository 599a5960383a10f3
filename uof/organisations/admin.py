from django.contrib import admin

from .models import Collaboration, CustodySuite, District, Force


@admin.register(Collaboration)
class CollaborationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "region", "collaboration"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "force", "valid_from", "valid_to"]
    list_filter = ["force"]


@admin.register(CustodySuite)
class CustodySuiteAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "force", "district", "valid_from", "valid_to"]
    list_filter = ["force"]
