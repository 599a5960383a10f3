from django import forms
from django.contrib import admin

from uof.audit import services as audit
from uof.audit.models import AuditEvent

from .access import PRIVATE_FIELDS
from .models import REFERENCE_KINDS, Incident, OfficerPresent, Report, Subject, TacticUse
from .references import normalise_reference


class TacticInline(admin.TabularInline):
    model = TacticUse
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["pk", "officer", "incident", "subject", "status", "submitted_at"]
    list_filter = ["status", "officer_force"]
    raw_id_fields = ["officer", "incident", "subject"]
    inlines = [TacticInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # reports are never hard-deleted (soft delete with a reason: review)

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # changes go through the service, with a reason and history

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        report = Report.objects.select_related("incident").filter(pk=object_id).first()
        if report is not None and response.status_code == 200:
            audit.record(request.user, AuditEvent.Action.VIEW, report, PRIVATE_FIELDS, detail="admin")
        return response


class SubjectInline(admin.TabularInline):
    model = Subject
    extra = 0


class IncidentForm(forms.ModelForm):
    """References typed in the admin are stored in their normal form, like the officers' pages."""

    class Meta:
        model = Incident
        fields = "__all__"  # the admin shows every column of an incident

    def clean(self):
        data = super().clean()
        for kind in REFERENCE_KINDS:
            if kind in data:
                data[kind] = normalise_reference(data[kind])  # checked for uniqueness in this form
        return data


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    form = IncidentForm
    list_display = ["pk", "force", "reference_text", "occurred_date", "district"]
    list_filter = ["force"]
    search_fields = ["cad_reference", "custody_reference", "crime_reference"]
    raw_id_fields = ["created_by"]
    inlines = [SubjectInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.register(OfficerPresent)
