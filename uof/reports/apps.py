from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "uof.reports"
    verbose_name = "Use-of-force reports"
