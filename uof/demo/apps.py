from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "uof.demo"
    verbose_name = "Demo data"
