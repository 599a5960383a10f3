from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "uof.access"
    verbose_name = "Roles and access"
