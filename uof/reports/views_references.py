"""The new-report references page's own steps: the force's example as the hint, and "did you
mean" before a new incident starts. Thin: the lookup is selectors.reference_check."""
from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse

from uof.organisations.models import Force

from . import selectors
from .fieldset import FIELDS_BY_NAME
from .forms import PageForm, page_form
from .references import ReferenceCheck, with_force_hints

NO_CHOICE = "Select whether to join the incident already recorded or start a new incident"


def references_form(request, data=None, force_slug: str = "") -> PageForm:
    """The references form with the hint of the force chosen (or, at first, the officer's own)."""
    form = page_form("references")(data)
    slug = force_slug or (request.user.force.slug if request.user.force else "")
    force = Force.objects.filter(slug=slug).first() if slug else None
    form.specs = with_force_hints(form.specs, force or request.user.force)
    return form


def confirm(request, force: Force, references: dict[str, str]):
    """(page to show, None) while the officer must answer "did you mean", else (None, the
    references to start the report with)."""
    check = selectors.reference_check(force, references)
    if not check.needed:
        return None, check.references
    answering = request.POST.get("confirming") == "1"
    answer = request.POST.get("join", "")
    if answering and check.accepts(answer):
        return None, check.references_for(answer)
    return _page(request, force, check, NO_CHOICE if answering else ""), None


def _page(request, force: Force, check: ReferenceCheck, error: str):
    typed = [{"key": {"text": FIELDS_BY_NAME[k].label}, "value": {"text": v}}
             for k, v in check.references.items() if v]
    change = reverse("reports:new") + "?" + urlencode({"force": force.slug, **check.references})
    context = {
        "title": "Did you mean an incident already recorded?" if check.offers else "Check the incident log number",
        "caption": "New use of force report", "force": force, "check": check, "typed": typed,
        "offers": [{"value": o.value, "reference": o.reference, "label": FIELDS_BY_NAME[o.kind].label}
                   for o in check.offers],
        "hidden": {"force": force.slug, **check.references}, "chosen": request.POST.get("join", ""),
        "error": error, "has_errors": bool(error), "change_url": change, "back_url": change,
        "nav_active": "new",
    }
    return render(request, "reports/references_check.html", context)

