"""Indicators, targets, periods, data values, evidence and submissions.

Rules (value computation, validation, rollups, statuses) are not here: they
live in `indicators.rules` and `indicators.figures`, so there is one place
for each.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.fields import UnitKindsField, kind_lookup
from units.models import UnitKind

from . import periods as P
from .choices import Direction, Measure, Operator
from .limits import DECIMALS_MAX, NOTE_MAX_LENGTH, TEXT_MAX_LENGTH


class Temporal(models.TextChoices):
    FLOW = "flow", _("Phát sinh trong kỳ (cộng dồn các quý)")
    STOCK = "stock", _("Hiện có cuối kỳ (lấy kỳ gần nhất)")


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", pgettext_lazy("frequency", "6 tháng")
    YEARLY = "yearly", _("Hằng năm")


FREQUENCY_PERIOD_KIND = {
    Frequency.QUARTERLY: P.QUARTER,
    Frequency.HALF_YEARLY: P.HALF_YEAR,
    Frequency.YEARLY: P.YEAR,
}


class IndicatorQuerySet(models.QuerySet):
    def applicable_to_kind(self, kind):
        return self.filter(applies_to__contains=kind_lookup(kind))


class Indicator(models.Model):
    resolution = models.ForeignKey(
        "resolutions.Resolution", verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="indicators"
    )
    pillar = models.ForeignKey(
        "resolutions.Pillar", verbose_name=_("trụ cột"), null=True, blank=True, on_delete=models.PROTECT, related_name="indicators"
    )
    code = models.CharField(_("mã chỉ tiêu"), max_length=30)
    name = models.CharField(_("tên chỉ tiêu"), max_length=500)
    description = models.TextField(_("giải thích, cách tính"), blank=True, max_length=TEXT_MAX_LENGTH)
    measure = models.CharField(_("loại số liệu"), max_length=10, choices=Measure.choices, default=Measure.PERCENT)
    decimals = models.PositiveSmallIntegerField(
        _("số chữ số thập phân hiển thị"), default=2, validators=[MaxValueValidator(DECIMALS_MAX)],
        help_text=format_lazy(_("Từ 0 đến {max}."), max=DECIMALS_MAX),
    )
    numerator_label = models.CharField(_("nhãn tử số"), max_length=255, blank=True)
    denominator_label = models.CharField(_("nhãn mẫu số"), max_length=255, blank=True)
    unit_label = models.CharField(_("đơn vị tính"), max_length=40, blank=True, help_text=_("Ví dụ: %, hồ sơ, máy"))
    direction = models.CharField(_("chiều tốt"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    temporal = models.CharField(_("tính chất theo thời gian"), max_length=10, choices=Temporal.choices, default=Temporal.STOCK)
    frequency = models.CharField(_("tần suất báo cáo"), max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY)
    applies_to = UnitKindsField(_("áp dụng cho loại đơn vị"), blank=False)
    assigned_units = models.ManyToManyField(
        "units.ReportingUnit", verbose_name=_("giao cho đơn vị"), blank=True, related_name="assigned_indicators",
        help_text=_("Để trống: mọi đơn vị trong phạm vi văn bản. Nếu chọn: chỉ các đơn vị thuộc loại áp dụng "
                    "nằm trong cây của các đơn vị này (ví dụ số máy tính trường học giao Sở GDĐT)."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang theo dõi"), default=True)

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["order"])

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu")
        ordering = ["resolution", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "code"], name="unique_indicator_code"),
            models.CheckConstraint(condition=Q(decimals__lte=DECIMALS_MAX), name="indicator_decimals_max",
                                   violation_error_message=format_lazy(
                                       _("Số chữ số thập phân hiển thị từ 0 đến {max}."), max=DECIMALS_MAX)),
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"

    def applies_to_kind(self, kind):
        return kind in self.applies_to

    @property
    def period_kind(self):
        return FREQUENCY_PERIOD_KIND[self.frequency]

    def applies_to_display(self):
        labels = dict(UnitKind.choices)
        return ", ".join(str(labels.get(k, k)) for k in self.applies_to)


class Target(models.Model):
    """A milestone target. Scope: one unit, or a unit kind, or everyone (both empty).

    The most specific scope wins (unit > unit kind > everyone); among its
    milestones, the nearest year >= the period's year (see indicators.rules).
    """

    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="targets")
    # NULL (not "") means "every kind": the API exposes it as a nullable field.
    unit_kind = models.CharField(  # noqa: DJ001
        _("áp dụng cho loại đơn vị"), max_length=20, choices=UnitKind.choices, null=True, blank=True
    )
    unit = models.ForeignKey(
        "units.ReportingUnit",
        verbose_name=_("áp dụng cho đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    operator = models.CharField(_("phép so sánh"), max_length=3, choices=Operator.choices, default=Operator.GTE)
    value = models.DecimalField(_("giá trị mục tiêu"), max_digits=20, decimal_places=4)
    year = models.PositiveSmallIntegerField(_("năm mốc"))
    wording = models.CharField(
        _("cách ghi trong văn bản"), max_length=255, blank=True, help_text=_("Ví dụ: trên 95% hồ sơ công việc cấp Sở")
    )
    # Invented targets (demo data) are shown with a "minh họa" mark and the reason, never as fact.
    is_illustrative = models.BooleanField(
        _("mục tiêu minh họa"), default=False, help_text=_("Mục tiêu do hệ thống tạo để minh họa; văn bản gốc không nêu.")
    )
    illustrative_note = models.CharField(
        _("lý do minh họa"), max_length=300, blank=True, help_text=_("Hiện kèm nhãn “minh họa”; để trống: câu mặc định.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục tiêu")
        verbose_name_plural = pgettext_lazy("plural", "mục tiêu")
        ordering = ["indicator", "year", "unit_kind"]
        constraints = [
            models.CheckConstraint(condition=Q(unit_kind__isnull=True) | Q(unit__isnull=True), name="target_one_scope"),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_value_non_negative"),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(unit_kind__isnull=True, unit__isnull=True),
                name="unique_target_everyone",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit_kind", "year"],
                condition=Q(unit_kind__isnull=False),
                name="unique_target_kind",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit", "year"], condition=Q(unit__isnull=False), name="unique_target_unit"
            ),
        ]

    def __str__(self):
        from .rules import format_target

        return format_target(self)

    def save(self, *args, **kwargs):
        self.unit_kind = self.unit_kind or None  # "" must mean "every kind" too, for the constraints
        super().save(*args, **kwargs)

    ILLUSTRATIVE_REASON = gettext_noop("Mục tiêu do hệ thống tạo để minh họa; văn bản gốc không nêu số liệu này.")

    @property
    def illustrative_reason(self):
        """Why the target carries the "minh họa" mark ("" for a target the document states)."""
        if not self.is_illustrative:
            return ""
        return self.illustrative_note or gettext(self.ILLUSTRATIVE_REASON)

    @property
    def scope_display(self):
        if self.unit_id:
            return str(self.unit)
        if self.unit_kind:
            return self.get_unit_kind_display()
        return gettext("Tất cả đơn vị")


class PeriodKind(models.TextChoices):
    QUARTER = P.QUARTER, _("Quý")
    HALF_YEAR = P.HALF_YEAR, pgettext_lazy("period kind", "6 tháng")
    YEAR = P.YEAR, _("Năm")


class PeriodQuerySet(models.QuerySet):
    def get_by_code(self, code):
        spec = P.parse_code(code)
        return self.get(kind=spec.kind, year=spec.year, number=spec.number)


class Period(models.Model):
    kind = models.CharField(_("loại kỳ"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("số thứ tự trong năm"), default=1)
    code = models.CharField(_("mã kỳ"), max_length=10, unique=True, editable=False)
    start = models.DateField(_("số liệu từ ngày"))
    end = models.DateField(_("số liệu đến ngày"))
    deadline = models.DateField(_("hạn nộp báo cáo"))
    is_locked = models.BooleanField(_("đã khóa sổ"), default=False)

    objects = PeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "kỳ báo cáo")
        ordering = ["-end", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="unique_period"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_window",
                                   violation_error_message=_("Ngày kết thúc kỳ phải sau ngày bắt đầu.")),
            models.CheckConstraint(
                condition=Q(kind=P.QUARTER, number__gte=1, number__lte=4)
                | Q(kind=P.HALF_YEAR, number__gte=1, number__lte=2)
                | Q(kind=P.YEAR, number=1),
                name="period_number_fits_kind",
                violation_error_message=_(
                    "Số thứ tự kỳ không hợp lệ: quý từ 1 đến 4, 6 tháng là 1 hoặc 2, năm là 1."),
            ),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.code = P.PeriodSpec(self.kind, self.year, self.number).code
        super().save(*args, **kwargs)

    @property
    def spec(self):
        return P.PeriodSpec(self.kind, self.year, self.number)

    @property
    def label(self):
        return P.label(self.kind, self.year, self.number)

    @classmethod
    def build(cls, code, mode=None):
        """An unsaved period from its code, with default window and deadline."""
        spec = P.parse_code(code)
        start, end, deadline = P.window(spec.kind, spec.year, spec.number, mode)
        return cls(kind=spec.kind, year=spec.year, number=spec.number, code=spec.code, start=start, end=end, deadline=deadline)

    @classmethod
    def ensure(cls, code):
        """The period with this code, created with defaults if missing."""
        spec = P.parse_code(code)
        existing = cls.objects.filter(kind=spec.kind, year=spec.year, number=spec.number).first()
        if existing:
            return existing
        period = cls.build(code)
        period.save()
        return period


class DataValue(models.Model):
    """One unit's figure for one indicator and period.

    `value` is derived by indicators.rules.compute_value and stored so that
    rollups and rankings stay set-based. `version` is the optimistic lock:
    every write must name the version it read.
    """

    # No single-column indexes: each key leads a composite index below (unique_value, value_indicator_unit,
    # value_period_indicator), and a million-row table should not maintain three more on every insert.
    unit = models.ForeignKey("units.ReportingUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="values", db_index=False)
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="values",
                                  db_index=False)
    period = models.ForeignKey(Period, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="values",
                               db_index=False)
    numerator = models.DecimalField(_("tử số / số lượng"), max_digits=20, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=20, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=4, null=True, blank=True, editable=False)
    note = models.TextField(_("ghi chú"), blank=True, max_length=NOTE_MAX_LENGTH)
    is_illustrative = models.BooleanField(
        _("dữ liệu minh họa"), default=False, help_text=_("Số liệu do bộ dữ liệu mẫu tạo ra, không có trong nguồn.")
    )
    quality_confirmed = models.BooleanField(
        _("đã xác nhận số liệu bất thường"),
        default=False,
        help_text=_("Người nhập xác nhận số liệu bị cảnh báo là đúng (giải thích trong ghi chú)."),
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cập nhật bởi"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "is_illustrative"])

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = pgettext_lazy("plural", "số liệu")
        constraints = [
            models.UniqueConstraint(fields=["unit", "indicator", "period"], name="unique_value"),
            models.CheckConstraint(condition=Q(numerator__isnull=True) | Q(numerator__gte=0), name="value_numerator_gte_0"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gte=0), name="value_denominator_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(denominator__isnull=True) | Q(numerator__lte=models.F("denominator")),
                name="value_numerator_lte_denominator",
            ),
        ]
        indexes = [
            models.Index(fields=["period", "indicator"], name="value_period_indicator"),
            models.Index(fields=["indicator", "unit"], name="value_indicator_unit"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.indicator.code} – {self.period}"


def evidence_path(instance, filename):
    return f"evidence/{instance.data_value.period.code}/{instance.data_value.unit_id}/{filename}"


class Evidence(models.Model):
    """A supporting file (minh chứng) attached to a value; served only in scope."""

    data_value = models.ForeignKey(DataValue, verbose_name=_("số liệu"), on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=evidence_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("kiểu tệp"), max_length=120)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = pgettext_lazy("plural", "minh chứng")

    def __str__(self):
        return self.original_name


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã gửi")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Bị trả lại")


# Statuses whose figures count on dashboards by default (approved only on request).
COUNTED_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)
EDITABLE_STATUSES = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class Submission(models.Model):
    """A unit's report for a period; its status gates editing and counting."""

    unit = models.ForeignKey("units.ReportingUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="submissions")
    period = models.ForeignKey(Period, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True, max_length=NOTE_MAX_LENGTH)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị (trạng thái gửi, duyệt)")
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="unique_submission")]
        indexes = [models.Index(fields=["period", "status"], name="submission_period_status")]

    def __str__(self):
        return f"{self.unit} – {self.period} – {self.get_status_display()}"

