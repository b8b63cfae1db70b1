"""Signals of the indicators app: the report workflow's, control characters kept out of text. What moves
the figure cache is indicators.changes; what moves the approval queue's badge, indicators.context_processors."""

from django.db.models.signals import pre_save
from django.dispatch import Signal

# Sent by indicators.workflow inside the transaction that moves the report, so a receiver's rows
# (reports' notifications) commit or roll back with it. Receivers must not fail the workflow.
report_approved = Signal()  # submission, user
report_returned = Signal()  # submission, user, reason

# Apps whose text fields never keep a control character (indicators.rules.strip_instance_controls).
TEXT_APPS = ("units", "resolutions", "indicators", "reports", "auth")


def connect():
    """Connect the receivers above (indicators.apps)."""
    from django.apps import apps

    from .rules import strip_instance_controls

    for app in TEXT_APPS:
        for model in apps.get_app_config(app).get_models():
            pre_save.connect(strip_instance_controls, sender=model, dispatch_uid=f"strip-controls-{model._meta.label}")


def figures_after(unit_ids, effective_on):
    """{unit id: reason} for units that have figures for a period ending on or after `effective_on`
    (units.reorganisation refuses to end them the day before)."""
    from units.models import ReportingUnit

    from .models import DataValue

    rows = (DataValue.objects.filter(unit_id__in=unit_ids, period__end__gte=effective_on)
            .values_list("unit_id", "period__code").order_by("unit_id", "period__end").distinct())
    first = {}
    for unit_id, code in rows:
        first.setdefault(unit_id, code)
    if not first:
        return {}
    names = dict(ReportingUnit.objects.filter(pk__in=list(first)).values_list("pk", "name"))
    from django.utils.translation import gettext as _

    from .periods import label, parse_code

    out = {}
    for unit_id, code in first.items():
        spec = parse_code(code)
        out[unit_id] = _("“%(unit)s” đã có số liệu %(period)s, kỳ kết thúc sau ngày %(day)s; không thể cho đơn vị "
                         "thôi hoạt động trước đó.") % {
            "unit": names.get(unit_id, unit_id), "period": label(spec.kind, spec.year, spec.number),
            "day": f"{effective_on:%d/%m/%Y}"}
    return out
