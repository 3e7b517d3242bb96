"""Pages of the access app: information governance, break-glass, two-factor sign-in, keep-alive."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST

from sightline.access import selectors, services, two_factor
from sightline.access.anchors import AnchorFileError, anchors_read
from sightline.access.forms import AlertAcknowledgeForm, BreakGlassForm, OneTimeCodeForm
from sightline.access.middleware import two_factor_exempt
from sightline.access.models import AuditEvent, IGAlert
from sightline.access.policies import Capability, actor_can
from sightline.people.models import Person

AUDIT_PAGE_SIZE = 50
_ANCHORS_SHOWN = 5
_LOOKUP_MAX = 150


def _next_url(request, default: str = "home") -> str:
    """The `next` parameter when it points inside this site, else the default page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path on this site: a bare word ("home") would be taken for a URL name by
    # `redirect` and fail after the work was done.
    if not candidate.startswith("/"):
        return reverse(default)
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def _ig_only(request) -> None:
    # Checked before any lookup, so that a non-IG user learns nothing about which ids exist;
    # the refusal is audited.
    services.capability_require(
        request, Capability.VIEW_AUDIT, "Only information governance officers can see this page"
    )


# --- Information governance ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def ig_alerts(request):
    """Alerts to review, the audit's anchors, and the access-history lookups.

    The lookups are POSTed, so an LA child ID or a username never goes into a URL (and so into
    server logs or browser history); the page they lead to names the child or user by id only.
    """
    _ig_only(request)
    lookup_error = ""
    if request.method == "POST":
        child_id = request.POST.get("la_child_id", "").strip()[:_LOOKUP_MAX]
        username = request.POST.get("username", "").strip()[:_LOOKUP_MAX]
        if child_id:
            child = Person.objects.children().filter(la_child_id=child_id).first()
            if child is not None:
                return redirect("access:ig_child_access", pk=child.pk)
            lookup_error = f"No child has LA child ID {child_id}"
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is not None:
                return redirect("access:ig_user_access", pk=user.pk)
            lookup_error = f"No user has the username {username}"
    try:
        anchors, anchor_error = anchors_read()[-_ANCHORS_SHOWN:][::-1], ""
    except AnchorFileError as error:
        anchors, anchor_error = [], str(error)
    return render(
        request,
        "access/ig_alerts.html",
        {
            "open_alerts": selectors.ig_alerts_open(actor=request.user, request=request),
            "acknowledged_alerts": selectors.ig_alerts_recently_acknowledged(
                actor=request.user, request=request
            ),
            "acknowledge_form": AlertAcknowledgeForm(),
            "lookup_error": lookup_error,
            "anchors": anchors,
            "anchor_error": anchor_error,
            "chain_head": AuditEvent.objects.order_by("-sequence").first(),
        },
    )


@require_POST
def ig_alert_acknowledge(request, pk: int):
    _ig_only(request)
    alert = get_object_or_404(IGAlert, pk=pk)
    form = AlertAcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.ig_alert_acknowledge(
                actor=request.user, alert=alert, note=form.cleaned_data["note"], request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Alert acknowledged")
    return redirect("access:ig_alerts")


def _audit_page(request, events):
    return Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))


@require_http_methods(["GET"])
def ig_child_access(request, pk: int):
    _ig_only(request)
    child = get_object_or_404(Person.objects.children(), pk=pk)
    events = selectors.audit_for_child(actor=request.user, child=child, request=request)
    return render(
        request,
        "access/ig_child_access.html",
        {"child": child, "page": _audit_page(request, events)},
    )


@require_http_methods(["GET"])
def ig_user_access(request, pk: int):
    _ig_only(request)
    subject = get_object_or_404(get_user_model(), pk=pk)
    events = selectors.audit_for_user(actor=request.user, user=subject, request=request)
    return render(
        request,
        "access/ig_user_access.html",
        {"subject": subject, "page": _audit_page(request, events)},
    )


# --- Break-glass -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def break_glass(request, pk: int):
    # The page names no child: the user has not been given access yet.
    if not actor_can(request.user, Capability.BREAK_GLASS):
        raise Http404("No child record found")
    child = get_object_or_404(Person.objects.children(), pk=pk)
    next_url = _next_url(request)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_open(
                actor=request.user,
                child=child,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            form.add_error("reason", error.messages)
        else:
            messages.success(
                request,
                f"You have access to this record for {services.BREAK_GLASS_MINUTES} minutes. "
                "Information governance has been told.",
            )
            return redirect(next_url)
    return render(
        request,
        "access/break_glass.html",
        {"form": form, "next": next_url, "minutes": services.BREAK_GLASS_MINUTES},
    )


# --- Two-factor sign-in ----------------------------------------------------------------------


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    if not two_factor.two_factor_enrolled(request.user):
        return redirect(reverse("access:two_factor_enrol") + _next_query(request))
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", "That code is not right, or it has expired. Try the next one.")
    return render(
        request, "access/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    if two_factor.two_factor_enrolled(request.user):
        return redirect(reverse("access:two_factor_verify") + _next_query(request))
    device = two_factor.two_factor_device_pending(user=request.user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_enrol_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        ):
            messages.success(request, "Two-factor sign-in is set up")
            return redirect(_next_url(request))
        form.add_error(
            "token", "That code is not right. Check the app shows Sightline and try again."
        )
    return render(
        request,
        "access/two_factor_enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "secret": two_factor.totp_secret_display(device),
            "otpauth_uri": device.config_url,
            "qr_data_uri": two_factor.totp_qr_data_uri(device),
        },
    )


def _next_query(request) -> str:
    candidate = request.GET.get("next")
    return "?" + urlencode({"next": candidate}) if candidate else ""


# --- Session keep-alive ----------------------------------------------------------------------


@login_not_required
@two_factor_exempt
@require_POST
def session_keep_alive(request):
    """Extend the idle timeout (the session is saved on every request) for "Stay signed in"."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    return JsonResponse({"signed_in": True, "idle_seconds": settings.SESSION_COOKIE_AGE})
