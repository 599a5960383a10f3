from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "uof.review"
    verbose_name = "Review"
