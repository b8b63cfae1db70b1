"""The page "Nhập số liệu từ Excel": download a template, upload it filled.

Thin: the forms only offer what `units.access` allows; the download and the
upload go through `reports.excel.template` and `reports.excel.saving`, which check scope, rules, workflow and
versions again on the server for every row.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from config.spreadsheets import max_upload_bytes
from indicators.models import Period
from reports.models import ImportStatus
from reports.queue import QueueUnavailable
from resolutions.models import Resolution
from units.access import units_for_user
from units.models import Role
from units.widgets import DatedSelect, UnitPicker

from . import jobs
from .export.sheet import XLSX_CONTENT_TYPE
from .reading import ImportErrors
from .saving import import_workbook
from .template import HEADERS, template_for_request

SESSION_UNIT = "work_unit_id"  # the unit chosen on the entry pages (indicators.views)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class TemplateForm(forms.Form):
    unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị"), queryset=None, empty_label=gettext_lazy("— Chọn đơn vị —"),
        error_messages={"required": gettext_lazy("Hãy chọn đơn vị."),
                        "invalid_choice": gettext_lazy("Đơn vị không có hoặc ngoài phạm vi nhập liệu của bạn.")})
    period = forms.ModelChoiceField(
        label=gettext_lazy("Kỳ báo cáo"), queryset=None, empty_label=gettext_lazy("— Chọn kỳ báo cáo —"),
        error_messages={"required": gettext_lazy("Hãy chọn kỳ báo cáo."),
                        "invalid_choice": gettext_lazy("Kỳ báo cáo không có hoặc đã khóa sổ.")})
    resolution = forms.ModelChoiceField(label=gettext_lazy("Nghị quyết / kế hoạch"), queryset=None, required=False,
                                        empty_label=gettext_lazy("Tất cả nghị quyết, kế hoạch"))
    children = forms.BooleanField(label=gettext_lazy("kèm các đơn vị trực thuộc"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_user(user, [Role.ENTRY]).order_by("path")
        # The picker searches the entry scope, units active on the chosen period's last day (units.widgets).
        self.fields["unit"].widget = UnitPicker(search_roles=[Role.ENTRY], day_source="#id_period")
        self.fields["unit"].widget.choices = self.fields["unit"].choices
        self.fields["period"].widget = DatedSelect()
        self.fields["period"].widget.choices = self.fields["period"].choices
        self.fields["period"].queryset = Period.objects.filter(is_locked=False).order_by("-end", "kind")
        self.fields["period"].label_from_instance = lambda p: p.label
        self.fields["resolution"].queryset = Resolution.objects.filter(is_active=True).order_by("code")
        self.fields["resolution"].label_from_instance = lambda r: f"{r.code} – {r.title}"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel đã điền (.xlsx, tối đa 10 MB)"),
                           error_messages={"required": gettext_lazy("Hãy chọn tệp Excel đã điền.")},
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX_CONTENT_TYPE}))


def _template_form(request, data=None):
    initial = {}
    if data is None and request.session.get(SESSION_UNIT):
        initial["unit"] = request.session[SESSION_UNIT]
    return TemplateForm(data, user=request.user, initial=initial)


@login_required
def import_page(request):
    """GET: the two forms. POST: import the uploaded file; errors listed, nothing saved; or a success message."""
    errors, error_count, status = None, 0, 200
    upload_form = UploadForm()
    if request.method == "POST":
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            upload = upload_form.cleaned_data["file"]
            try:
                if jobs.is_large(upload):  # checked by the worker, with progress on its own page
                    run = jobs.start_import(upload, request.user)
                    return redirect("import-status", run.pk)
                result = import_workbook(upload, request.user)
            except QueueUnavailable as exc:
                messages.error(request, exc.message)
                status = 503
            except ImportErrors as exc:
                errors, error_count = _with_headers(exc.errors), exc.total
            else:
                _saved_messages(request, result)
                return redirect("import-excel")
    return render(request, "reports/import.html", {
        "template_form": _template_form(request),
        "upload_form": upload_form,
        "errors": errors,
        "error_count": error_count,
        "max_mb": max_upload_bytes() // (1024 * 1024),
    }, status=status)


def _saved_messages(request, result):
    """What an import saved (`result`: an ImportResult or a done ImportRun)."""
    messages.success(request, _("Đã lưu: %(created)s số liệu mới, %(updated)s số liệu cập nhật.")
                     % {"created": result.created, "updated": result.updated})
    if result.unchanged:
        messages.info(request, ngettext("%(count)s dòng không thay đổi so với số liệu đã có.",
                                        "%(count)s dòng không thay đổi so với số liệu đã có.", result.unchanged)
                      % {"count": result.unchanged})


def _with_headers(errors):
    return [{**e, "header": HEADERS.get(e["column"] or "", "")} for e in errors]


@login_required
def import_status(request, pk):
    """A large upload's progress (the page polls `import_status_json`), then its result or its errors."""
    run = jobs.get_import_for_user(request.user, pk)
    if run.status == ImportStatus.DONE:
        _saved_messages(request, run)
        return redirect("import-excel")
    return render(request, "reports/import_status.html", {
        "run": run, "pending": run.status in (ImportStatus.QUEUED, ImportStatus.RUNNING),
        "errors": _with_headers(run.errors) if run.status == ImportStatus.REFUSED else None,
        "error_count": run.error_count,
        "phase": jobs.PHASE_WORDS.get(run.phase, ""),
    })


@login_required
def import_status_json(request, pk):
    return JsonResponse(jobs.payload(jobs.get_import_for_user(request.user, pk)))


@login_required
@require_GET
def download_template(request):
    """The template file; a unit outside the user's entry scope is refused by the form (or 404 in the service)."""
    form = _template_form(request, request.GET)
    if not form.is_valid():
        return render(request, "reports/import.html", {
            "template_form": form,
            "upload_form": UploadForm(),
            "errors": None,
            "max_mb": max_upload_bytes() // (1024 * 1024),
        }, status=400)
    data = form.cleaned_data
    resolution = data["resolution"].pk if data["resolution"] else None
    filename, content = template_for_request(request.user, data["unit"].pk, data["period"].pk, resolution,
                                             data["children"])
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
