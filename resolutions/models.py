"""Resolutions and plans, DX pillars, tasks, supervisions, visits, findings."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.limits import TEXT_MAX_LENGTH

# Who issues in the party's name: a party committee or its standing committee.
PARTY_ISSUER = re.compile(
    r"(Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy|Đảng bộ|Ban Thường vụ|Ban Chấp hành)", re.IGNORECASE
)


class ResolutionKind(models.TextChoices):
    RESOLUTION = "resolution", _("Nghị quyết")
    DECISION = "decision", _("Quyết định")
    PLAN = "plan", _("Kế hoạch")
    PROGRAM = "program", _("Chương trình")


class Resolution(models.Model):
    code = models.CharField(_("số hiệu"), max_length=60, unique=True, help_text=_("Ví dụ: 09-NQ/TU"))
    kind = models.CharField(_("loại văn bản"), max_length=12, choices=ResolutionKind.choices)
    title = models.CharField(_("trích yếu"), max_length=500)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    owner_unit = models.ForeignKey(
        "units.ReportingUnit",
        verbose_name=_("đơn vị chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    vision_year = models.PositiveSmallIntegerField(_("tầm nhìn đến năm"), null=True, blank=True)
    implements = models.ForeignKey(
        "self",
        verbose_name=_("triển khai văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_by",
    )
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    note = models.TextField(_("ghi chú"), blank=True, max_length=TEXT_MAX_LENGTH)

    class Meta:
        verbose_name = _("nghị quyết / kế hoạch")
        verbose_name_plural = _("nghị quyết, quyết định, kế hoạch")
        ordering = ["-issued_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="resolution_years"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.code}"

    @property
    def is_party_document(self):
        """Issued by a party body (Tỉnh ủy, Ban Thường vụ, Đảng ủy): its reports follow the party's layout.

        Party documents are numbered "09-NQ/TU" (a hyphen after the number),
        state ones "1982/QĐ-UBND" (a slash); the issuer's name decides when the
        code is of neither form.
        """
        if re.match(r"^\d+[a-zđ]?-[^/\s]+/", self.code or ""):
            return True
        if re.match(r"^\d+[a-zđ]?/", self.code or ""):
            return False
        return bool(PARTY_ISSUER.search(self.issuer or ""))

    @property
    def period_label(self):
        """The plan's time span as pages write it: "Năm 2022" for one year, else "Giai đoạn 2021–2025",
        with ", tầm nhìn 2030" when it has a vision year. Years are never grouped (2025, not 2.025)."""
        if self.start_year == self.end_year or not self.end_year:
            text = gettext("Năm %(year)s") % {"year": self.start_year}
        else:
            text = gettext("Giai đoạn %(start)s–%(end)s") % {"start": self.start_year, "end": self.end_year}
        if self.vision_year:
            return gettext("%(span)s, tầm nhìn %(year)s") % {"span": text, "year": self.vision_year}
        return text


class Pillar(models.Model):
    """A digital-transformation pillar (reference data)."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên trụ cột"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("trụ cột chuyển đổi số")
        verbose_name_plural = pgettext_lazy("plural", "trụ cột chuyển đổi số")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class SupervisionKind(models.TextChoices):
    SUPERVISION = "supervision", _("Giám sát")
    INSPECTION = "inspection", _("Kiểm tra")


class Supervision(models.Model):
    """A supervision or inspection programme (đoàn giám sát / kiểm tra)."""

    decision_ref = models.CharField(
        _("quyết định thành lập"), max_length=80, help_text=format_lazy(_("Ví dụ: {code}"), code="1521-QĐ/TU")
    )
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    title = models.CharField(_("nội dung"), max_length=500)
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("văn bản được giám sát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervisions",
    )
    kind = models.CharField(
        _("hình thức"), max_length=12, choices=SupervisionKind.choices, default=SupervisionKind.SUPERVISION
    )
    issuer = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    chair = models.CharField(_("trưởng đoàn / chủ trì"), max_length=255)
    members = models.TextField(
        _("thành viên đoàn"), blank=True, help_text=_("Mỗi thành viên một dòng."), max_length=TEXT_MAX_LENGTH
    )

    class Meta:
        verbose_name = _("cuộc giám sát / kiểm tra")
        verbose_name_plural = _("giám sát, kiểm tra")
        ordering = ["-decision_date", "decision_ref"]

    def __str__(self):
        return gettext("%(kind)s theo %(ref)s") % {"kind": self.get_kind_display(), "ref": self.decision_ref}

    @property
    def member_list(self):
        return [m.strip() for m in self.members.splitlines() if m.strip()]


class Visit(models.Model):
    supervision = models.ForeignKey(
        Supervision, verbose_name=_("cuộc giám sát"), on_delete=models.CASCADE, related_name="visits"
    )
    unit = models.ForeignKey(
        "units.ReportingUnit",
        verbose_name=_("đơn vị được giám sát"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    date = models.DateField(_("ngày làm việc"))
    summary = models.TextField(_("kết luận chung"), blank=True, max_length=TEXT_MAX_LENGTH)

    class Meta:
        verbose_name = _("buổi giám sát")
        verbose_name_plural = _("buổi giám sát, kiểm tra")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.unit} – {self.date:%d/%m/%Y}"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Kết quả đạt được")
    LIMITATION = "limitation", _("Hạn chế")


class Finding(models.Model):
    visit = models.ForeignKey(
        Visit, verbose_name=_("buổi giám sát"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=FindingKind.choices)
    text = models.TextField(_("nội dung"), max_length=TEXT_MAX_LENGTH)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("chỉ tiêu liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    value = models.DecimalField(_("số liệu ghi nhận"), max_digits=20, decimal_places=4, null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhận xét")
        verbose_name_plural = _("nhận xét (kết quả, hạn chế)")
        ordering = ["visit", "order", "id"]

    def __str__(self):
        return self.text[:80]


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang triển khai")
    DONE = "done", _("Đã hoàn thành")


class Task(models.Model):
    """A task (nhiệm vụ) of a resolution, or a numbered recommendation of a visit."""

    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("kiến nghị của buổi giám sát"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    pillar = models.ForeignKey(
        Pillar,
        verbose_name=_("trụ cột"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    group = models.CharField(
        _("nhóm nhiệm vụ"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: Nhóm nhiệm vụ chung, Phát triển chính quyền số."),
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.TextField(_("nội dung nhiệm vụ"), max_length=TEXT_MAX_LENGTH)
    lead_unit = models.ForeignKey(
        "units.ReportingUnit",
        verbose_name=_("đơn vị chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_tasks",
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress_note = models.TextField(_("tiến độ, kết quả"), blank=True, max_length=TEXT_MAX_LENGTH)
    # Invented content (demo data: titles, numbering, deadlines, statuses the source does not give) is
    # shown with a "minh họa" mark and the reason, never as fact.
    is_illustrative = models.BooleanField(
        _("nhiệm vụ minh họa"),
        default=False,
        help_text=_("Nội dung do hệ thống tạo để minh họa; văn bản gốc không nêu."),
    )
    illustrative_note = models.CharField(
        _("lý do minh họa"),
        max_length=300,
        blank=True,
        help_text=_("Phần nào là minh họa và vì sao; hiện kèm nhãn “minh họa”. Để trống: câu mặc định."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cập nhật bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm vụ / kiến nghị")
        verbose_name_plural = _("nhiệm vụ, kiến nghị")
        ordering = ["resolution", "visit", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolution__isnull=False) | Q(visit__isnull=False), name="task_has_source"
            ),
            models.UniqueConstraint(
                fields=["resolution", "group", "number"],
                condition=Q(visit__isnull=True),
                name="unique_task_number_in_resolution",
            ),
            models.UniqueConstraint(
                fields=["visit", "number"],
                condition=Q(visit__isnull=False),
                name="unique_recommendation_number",
            ),
        ]

    def __str__(self):
        return f"({self.number}) {self.title[:80]}"

    ILLUSTRATIVE_REASON = gettext_noop(
        "Nhiệm vụ do hệ thống tạo để minh họa; văn bản gốc không nêu nội dung này."
    )

    @property
    def illustrative_reason(self):
        """Why the task carries the "minh họa" mark ("" for a task as the source states it)."""
        if not self.is_illustrative:
            return ""
        return self.illustrative_note or gettext(self.ILLUSTRATIVE_REASON)
