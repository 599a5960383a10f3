from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "uof.accounts"
    verbose_name = "Users"
