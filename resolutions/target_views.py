"""The review page "Đọc chỉ tiêu từ văn bản" of a resolution (admins), and its appendix template.

Thin: `resolutions.target_reading` reads (a pasted text, a .docx, a PDF or
the appendix workbook) and proposes; the reviewer corrects, unticks and
accepts; `indicators.definitions.create_indicators` checks every row and
creates everything in one transaction, or nothing. The proposals travel in
the page's own form fields, so nothing is kept between the two steps.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from config.spreadsheets import WorkbookErrors
from indicators.admin.words import targets_summary  # the admin's own words: 'trên 95% (Sở, 2022)'
from indicators.definitions import DefinitionErrors, IndicatorSpec, TargetSpec, create_indicators
from indicators.models import Direction, Measure, Operator
from indicators.rules import format_number
from units.models import ReportingUnit, UnitKind

from .models import Pillar, Resolution
from .target_reading import read_targets
from .target_reading.appendix import build_template, read_appendix, template_filename
from .target_reading.files import TEXT_KINDS, UnreadableFile, text_from_upload
from .target_reading.labels import propose_code

MAX_TEXT_CHARS = 200_000  # about 60 pages: a whole plan; a paste beyond it is refused, never cut silently
XLSX = ".xlsx"


class BadInput(ValueError):
    """Input the reader refuses; the message (Vietnamese) is shown on the page."""


def staff_only(view):
    """Signed-in admins (staff) only: others get 403 with a Vietnamese reason."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied(_("Chỉ quản trị viên được đọc và tạo chỉ tiêu từ văn bản."))
        return view(request, *args, **kwargs)

    return wrapper


def default_kinds(resolution):
    """Unit kinds an indicator applies to when its targets are for every unit: those of the owner's subtree."""
    order = list(UnitKind.values)
    if resolution.owner_unit_id:
        owner = resolution.owner_unit
        kinds = set(ReportingUnit.objects.filter(path__startswith=owner.path).values_list("kind", flat=True))
    else:
        kinds = set()
    kinds.discard(UnitKind.OTHER)
    if len(kinds) > 1:
        kinds.discard(UnitKind.PROVINCE)  # a province's indicators are reported by its units
    return sorted(kinds, key=order.index) or [UnitKind.DEPARTMENT]


def too_long_message(chars=None):
    """The Vietnamese refusal of a text beyond MAX_TEXT_CHARS (with its length when known)."""
    limit = format_number(MAX_TEXT_CHARS)
    if chars is None:
        return _(
            "Văn bản quá dài; tối đa %(max)s ký tự. Hãy gửi riêng phần mục tiêu, chỉ tiêu của văn bản."
        ) % {"max": limit}
    return _(
        "Văn bản quá dài (%(n)s ký tự); tối đa %(max)s ký tự. Hãy dán riêng phần mục tiêu, chỉ tiêu của văn "
        "bản."
    ) % {"n": f"{chars:,}".replace(",", "."), "max": limit}


def proposals_from_text(resolution, text):
    """Read `text` for `resolution`; raises BadInput for an empty, too long or target-less text."""
    text = (text or "").strip()
    if not text:
        raise BadInput(_("Hãy dán nội dung văn bản (đoạn mục tiêu, chỉ tiêu) hoặc chọn tệp để đọc."))
    if len(text) > MAX_TEXT_CHARS:
        raise BadInput(too_long_message(len(text)))
    reading = read_targets(text, plan_year=resolution.end_year, default_kinds=default_kinds(resolution))
    if not reading.indicators:
        raise BadInput(
            _(
                "Không tìm thấy câu chỉ tiêu nào trong văn bản (câu có con số mục tiêu như %(examples)s). "
                "Hãy kiểm tra đã dán đúng phần mục tiêu của văn bản."
            )
            % {"examples": "“đạt 96%”, “trên 95% … cấp Sở”"}
        )
    return reading


def _rows(resolution, indicators):
    """Proposals → rows of the review table, with codes proposed unique in the resolution."""
    taken = set(resolution.indicators.values_list("code", flat=True))
    rows = []
    for ind in indicators:
        code = ind.code or propose_code(ind.name, taken)
        taken.add(code)
        rows.append(
            {
                "take": True,
                "code": code,
                "name": ind.name,
                "measure": ind.measure,
                "unit_label": ind.unit_label,
                "pillar": ind.pillar or "",
                "applies_to": ind.applies_to,
                "direction": ind.direction,
                "source": ind.source,
                "start": ind.start,
                "end": ind.end,
                "errors": {},
                "targets": [
                    {
                        "take": True,
                        "unit_kind": t.unit_kind or "",
                        "operator": t.operator,
                        "value": _value_text(t.value),
                        "year": t.year,
                        "wording": t.phrase[:255],
                        "start": t.start,
                        "end": t.end,
                        "errors": {},
                    }
                    for t in ind.targets
                ],
            }
        )
    return rows


def _value_text(value):
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


def _rows_from_post(post):
    """The review table as the reviewer left it."""
    rows = []
    try:
        count = min(int(post.get("count", 0)), 500)
    except ValueError:
        count = 0
    for i in range(count):
        p = f"i{i}-"
        try:
            tcount = min(int(post.get(p + "tcount", 0)), 50)
        except ValueError:
            tcount = 0
        targets = []
        for j in range(tcount):
            q = f"{p}t{j}-"
            targets.append(
                {
                    "take": post.get(q + "take") == "on",
                    "unit_kind": post.get(q + "unit_kind", ""),
                    "operator": post.get(q + "operator", ""),
                    "value": post.get(q + "value", "").strip(),
                    "year": post.get(q + "year", "").strip(),
                    "wording": post.get(q + "wording", "")[:255],
                    "start": _int(post.get(q + "start")),
                    "end": _int(post.get(q + "end")),
                    "errors": {},
                }
            )
        rows.append(
            {
                "take": post.get(p + "take") == "on",
                "code": post.get(p + "code", "").strip(),
                "name": post.get(p + "name", "").strip(),
                "measure": post.get(p + "measure", ""),
                "unit_label": post.get(p + "unit_label", "").strip(),
                "pillar": post.get(p + "pillar", ""),
                "applies_to": post.getlist(p + "applies_to"),
                "direction": post.get(p + "direction", Direction.INCREASE),
                "source": post.get(p + "source", ""),
                "start": _int(post.get(p + "start")),
                "end": _int(post.get(p + "end")),
                "targets": targets,
                "errors": {},
            }
        )
    return rows


def _int(raw):
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _specs(rows, pillars):
    """(specs of the ticked rows, index of each spec's row)."""
    specs, index = [], []
    for n, row in enumerate(rows):
        if not row["take"]:
            continue
        targets = [
            TargetSpec(t["unit_kind"] or None, t["operator"], t["value"], t["year"], t["wording"])
            for t in row["targets"]
            if t["take"] and (t["value"] or t["year"])
        ]
        specs.append(
            IndicatorSpec(
                code=row["code"],
                name=row["name"],
                measure=row["measure"],
                unit_label=row["unit_label"],
                pillar=pillars.get(row["pillar"]),
                applies_to=row["applies_to"],
                direction=row["direction"],
                targets=targets,
            )
        )
        index.append(n)
    return specs, index


def _highlighted(text, rows):
    """The text cut into pieces, each target phrase marked with its proposal's number (for the left column)."""
    marks = []
    for n, row in enumerate(rows, start=1):
        for m, t in enumerate(row["targets"], start=1):
            if t["start"] is not None and t["end"] and 0 <= t["start"] < t["end"] <= len(text):
                marks.append((t["start"], t["end"], f"{n}.{m}", n))
    marks.sort()
    pieces, pos = [], 0
    for start, end, label, n in marks:
        if start < pos:
            continue
        if start > pos:
            pieces.append({"text": text[pos:start]})
        pieces.append({"text": text[start:end], "label": label, "row": n})
        pos = end
    if pos < len(text):
        pieces.append({"text": text[pos:]})
    return pieces


def _context(resolution, **extra):
    pillars = list(Pillar.objects.order_by("order", "code"))
    return {
        "resolution": resolution,
        "pillars": pillars,
        "measures": Measure.choices,
        "operators": Operator.choices,
        "kinds": UnitKind.choices,
        "directions": Direction.choices,
        "max_chars": format_number(MAX_TEXT_CHARS),
        "text_kinds": ", ".join((*TEXT_KINDS, XLSX)),
        **extra,
    }


@csrf_exempt  # the size is checked before the body is parsed; the CSRF check follows in `_read_targets`
def read_targets_page(request, pk):
    """GET: paste or upload. POST "read": proposals beside the text. POST "accept": create, or list the problems."""
    if request.method == "POST":
        try:
            request.POST  # noqa: B018 - parse now: a paste beyond Django's limit raises here, not in the middleware
        except RequestDataTooBig:
            return _too_big(
                request,
                pk,
                _(
                    "Nội dung gửi lên quá lớn; tối đa %(max)s ký tự văn bản. Hãy dán riêng phần "
                    "mục tiêu, chỉ tiêu của văn bản, hoặc tải lên tệp .docx/.pdf."
                )
                % {"max": format_number(MAX_TEXT_CHARS)},
            )
        except TooManyFieldsSent:
            return _too_big(
                request,
                pk,
                _(
                    "Bảng gửi lên có quá nhiều ô (quá nhiều chỉ tiêu, mục tiêu trong một lần). "
                    "Hãy đọc và tạo theo từng phần của văn bản."
                ),
            )
    return _read_targets(request, pk)


@staff_only
def _too_big(request, pk, message):
    resolution = get_object_or_404(Resolution, pk=pk)
    return render(
        request, "resolutions/read_targets.html", _context(resolution, errors=[message]), status=400
    )


@csrf_protect
@staff_only
def _read_targets(request, pk):
    resolution = get_object_or_404(Resolution.objects.select_related("owner_unit"), pk=pk)
    if request.method != "POST":
        return render(request, "resolutions/read_targets.html", _context(resolution))
    if request.POST.get("action") == "accept":
        return _accept(request, resolution)
    text = request.POST.get("text", "")
    upload = request.FILES.get("file")
    try:
        if upload is not None:
            if (upload.name or "").lower().endswith(XLSX):
                return _from_appendix(request, resolution, upload)
            text = text_from_upload(upload)
        reading = proposals_from_text(resolution, text)
    except (BadInput, UnreadableFile) as exc:
        return render(
            request,
            "resolutions/read_targets.html",
            _context(resolution, errors=[str(exc)], text=text if upload is None else ""),
            status=400,
        )
    rows = _rows(resolution, reading.indicators)
    return render(
        request,
        "resolutions/read_targets.html",
        _context(resolution, rows=rows, source_text=reading.text, pieces=_highlighted(reading.text, rows)),
    )


def _from_appendix(request, resolution, upload):

    pillars = list(Pillar.objects.order_by("order", "code"))
    try:
        proposals = read_appendix(
            upload, plan_year=resolution.end_year, pillars=pillars, default_kinds=default_kinds(resolution)
        )
    except WorkbookErrors as exc:
        return render(
            request,
            "resolutions/read_targets.html",
            _context(resolution, sheet_errors=exc.errors),
            status=400,
        )
    rows = _rows(resolution, proposals)
    return render(
        request,
        "resolutions/read_targets.html",
        _context(resolution, rows=rows, source_text="", from_appendix=True),
    )


def _accept(request, resolution):
    rows = _rows_from_post(request.POST)
    source_text = request.POST.get("source_text", "")[:MAX_TEXT_CHARS]
    pillars = {p.code: p for p in Pillar.objects.all()}
    specs, index = _specs(rows, pillars)
    errors = []
    if not specs:
        errors.append(_("Chưa chọn chỉ tiêu nào để tạo."))
    else:
        try:
            created = create_indicators(resolution, specs, user=request.user)
        except DefinitionErrors as exc:
            for e in exc.errors:
                row = rows[index[e["row"] - 1]] if e.get("row") else None
                if row is None:
                    errors.append(e["message"])
                else:
                    row["errors"].setdefault(e["field"], []).append(e["message"])
            errors.insert(0, _("Chưa tạo chỉ tiêu nào: hãy sửa các ô báo lỗi bên dưới rồi bấm tạo lại."))
        else:
            created_rows = [{"indicator": ind, "targets": targets_summary(ind, html=True)} for ind in created]
            return render(
                request, "resolutions/read_targets.html", _context(resolution, created=created_rows)
            )
    return render(
        request,
        "resolutions/read_targets.html",
        _context(
            resolution,
            rows=rows,
            errors=errors,
            source_text=source_text,
            pieces=_highlighted(source_text, rows) if source_text else None,
            from_appendix=request.POST.get("from_appendix") == "1",
        ),
        status=400,
    )


@require_GET
@staff_only
def appendix_template(request, pk):
    """The "Phụ lục chỉ tiêu" workbook to fill for this resolution."""
    resolution = get_object_or_404(Resolution, pk=pk)
    content = build_template(resolution, Pillar.objects.order_by("order", "code"))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{template_filename(resolution)}"'
    return response
