"""The analyst's side: choose, preview exactly as the public will see it, publish, revise."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from uof.access.policy import may, publishing_forces
from uof.organisations.models import Collaboration, Force
from uof.stats.periods import recent_periods

from . import services
from .forms import PublicationForm
from .models import Publication
from .public_views import dashboard_context
from .snapshot import WHY_WITHHELD


def _scopes(user) -> list[tuple[str, str]]:
    allowed = publishing_forces(user)
    forces = Force.objects.filter(pk__in=allowed).order_by("name")
    choices = [(f"force:{f.slug}", f.name) for f in forces]
    for group in Collaboration.objects.order_by("name"):
        members = set(group.forces.values_list("pk", flat=True))
        if members and members <= allowed:
            choices.append((f"collaboration:{group.slug}", f"{group.name} (all its forces together)"))
    return choices


def _form(request, data=None) -> PublicationForm:
    if not may(request.user, "publish"):
        raise PermissionDenied("Your role does not include publishing")
    return PublicationForm(data, scopes=_scopes(request.user), periods=recent_periods(timezone.localdate(), ended=True))


def _scope(form: PublicationForm) -> services.Scope:
    kind, slug = form.cleaned_data["scope"].split(":", 1)
    return services.scope_for(kind, slug)


def _choose(request, form: PublicationForm, has_errors: bool = False):
    """The page to choose what to publish, listing what these scopes have published."""
    slugs = [value.split(":", 1)[1] for value, _ in form.fields["scope"].choices]
    published = Publication.objects.filter(scope_slug__in=slugs).order_by("scope_name", "-date_from", "-revision")
    return render(request, "publish/index.html", {"title": "Publish figures", "nav_active": "publish",
                                                  "form": form, "published": published, "has_errors": has_errors})


@login_required
def index(request):
    return _choose(request, _form(request))


@login_required
def preview(request):
    form = _form(request, request.GET)
    if not form.is_valid():
        return _choose(request, form, has_errors=True)
    scope = _scope(form)
    period = form.cleaned_data["period"]
    try:
        snapshot = services.preview(scope, period, form.rule(), form.chosen_tables())
    except services.PublishError as error:  # refused: say why, keep what was chosen
        form.add_error(error.field if error.field in form.fields else "scope", str(error))
        return _choose(request, form, has_errors=True)
    context = dashboard_context(snapshot.content, None, preview=True)
    context.update({"form": form, "existing": services.latest(scope, period), "nav_active": "publish",
                    "withheld_why": snapshot.withheld_why, "why_words": WHY_WITHHELD,
                    "title": f"Preview: {context['title']}"})
    return render(request, "publish/dashboard.html", context)


@login_required
@require_POST
def publish(request):
    form = _form(request, request.POST)
    if not form.is_valid():
        messages.error(request, "The publication could not be made: " + "; ".join(
            f"{form.fields[f].label if f in form.fields else f}: {' '.join(e)}" for f, e in form.errors.items()))
        return redirect("publish:index")
    scope = _scope(form)
    try:
        item = services.publish(request.user, scope, form.cleaned_data["period"], form.rule(), form.chosen_tables(),
                                reason=form.cleaned_data["reason"])
    except services.PublishError as error:
        messages.error(request, str(error))
        return redirect(reverse("publish:preview") + "?" + request.POST.urlencode())
    messages.success(request, f"Published {item}.")
    return redirect("public:publication", kind=item.scope_kind, slug=item.scope_slug, period=item.period_slug)
