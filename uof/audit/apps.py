from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "uof.audit"
    verbose_name = "Audit log"
