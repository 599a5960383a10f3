from django.apps import AppConfig


class PublishConfig(AppConfig):
    name = "uof.publish"
    verbose_name = "Publications"
    default_auto_field = "django.db.models.BigAutoField"
