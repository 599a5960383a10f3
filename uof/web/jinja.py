"""The Jinja2 environment for service pages: GOV.UK Frontend macros plus Django helpers."""
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, PrefixLoader

from uof.review.history import field_label


def _url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    options["undefined"] = ChainableUndefined  # the GOV.UK macros read optional nested params
    options["loader"] = ChoiceLoader([
        options["loader"],
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ])
    env = Environment(**options)
    env.globals.update(url=_url, static=static, get_messages=get_messages)
    env.filters["field_label"] = field_label  # stored field names as their questions' labels
    return env
