from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "uof.stats"
    verbose_name = "Statistics"
