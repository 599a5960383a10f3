from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "uof.organisations"
    verbose_name = "Forces and places"
