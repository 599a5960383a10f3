from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "uof.api"
    label = "api"
    verbose_name = "Public data API"
    default_auto_field = "django.db.models.BigAutoField"
