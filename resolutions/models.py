"""Resolutions and plans, DX pillars, tasks, supervisions, visits, findings."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indicators.limits import TEXT_MAX_LENGTH

# Who issues in the party's name: a party committee or its standing committee.
PARTY_ISSUER = re.compile(r"(Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy|Đảng bộ|Ban Thường vụ|Ban Chấp hành)", re.IGNORECASE)


class ResolutionKind(models.TextChoices):
    RESOLUTION = "resolution", "Nghị quyết"
    DECISION = "decision", "Quyết định"
    PLAN = "plan", "Kế hoạch"
    PROGRAM = "program", "Chương trình"


class Resolution(models.Model):
    code = models.CharField("số hiệu", max_length=60, unique=True, help_text="Ví dụ: 09-NQ/TU")
    kind = models.CharField("loại văn bản", max_length=12, choices=ResolutionKind.choices)
    title = models.CharField("trích yếu", max_length=500)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    owner_unit = models.ForeignKey(
        "units.ReportingUnit",
        verbose_name="đơn vị chủ trì",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    start_year = models.PositiveSmallIntegerField("từ năm")
    end_year = models.PositiveSmallIntegerField("đến năm")
    vision_year = models.PositiveSmallIntegerField("tầm nhìn đến năm", null=True, blank=True)
    implements = models.ForeignKey(
        "self",
        verbose_name="triển khai văn bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_by",
    )
    is_active = models.BooleanField("đang theo dõi", default=True)
    note = models.TextField("ghi chú", blank=True, max_length=TEXT_MAX_LENGTH)

    class Meta:
        verbose_name = "nghị quyết / kế hoạch"
        verbose_name_plural = "nghị quyết, quyết định, kế hoạch"
        ordering = ["-issued_on", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")), name="resolution_years"),
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
            text = f"Năm {self.start_year}"
        else:
            text = f"Giai đoạn {self.start_year}–{self.end_year}"
        return f"{text}, tầm nhìn {self.vision_year}" if self.vision_year else text


class Pillar(models.Model):
    """A digital-transformation pillar (reference data)."""

    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên trụ cột", max_length=120)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "trụ cột chuyển đổi số"
        verbose_name_plural = "trụ cột chuyển đổi số"
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class SupervisionKind(models.TextChoices):
    SUPERVISION = "supervision", "Giám sát"
    INSPECTION = "inspection", "Kiểm tra"


class Supervision(models.Model):
    """A supervision or inspection programme (đoàn giám sát / kiểm tra)."""

    decision_ref = models.CharField("quyết định thành lập", max_length=80, help_text="Ví dụ: 1521-QĐ/TU")
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    title = models.CharField("nội dung", max_length=500)
    resolution = models.ForeignKey(
        Resolution,
        verbose_name="văn bản được giám sát",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervisions",
    )
    kind = models.CharField("hình thức", max_length=12, choices=SupervisionKind.choices, default=SupervisionKind.SUPERVISION)
    issuer = models.CharField("cơ quan quyết định", max_length=255, blank=True)
    chair = models.CharField("trưởng đoàn / chủ trì", max_length=255)
    members = models.TextField("thành viên đoàn", blank=True, help_text="Mỗi thành viên một dòng.",
                               max_length=TEXT_MAX_LENGTH)

    class Meta:
        verbose_name = "cuộc giám sát / kiểm tra"
        verbose_name_plural = "giám sát, kiểm tra"
        ordering = ["-decision_date", "decision_ref"]

    def __str__(self):
        return f"{self.get_kind_display()} theo {self.decision_ref}"

    @property
    def member_list(self):
        return [m.strip() for m in self.members.splitlines() if m.strip()]


class Visit(models.Model):
    supervision = models.ForeignKey(
        Supervision, verbose_name="cuộc giám sát", on_delete=models.CASCADE, related_name="visits"
    )
    unit = models.ForeignKey(
        "units.ReportingUnit", verbose_name="đơn vị được giám sát", on_delete=models.PROTECT, related_name="visits"
    )
    date = models.DateField("ngày làm việc")
    summary = models.TextField("kết luận chung", blank=True, max_length=TEXT_MAX_LENGTH)

    class Meta:
        verbose_name = "buổi giám sát"
        verbose_name_plural = "buổi giám sát, kiểm tra"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.unit} – {self.date:%d/%m/%Y}"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Kết quả đạt được"
    LIMITATION = "limitation", "Hạn chế"


class Finding(models.Model):
    visit = models.ForeignKey(Visit, verbose_name="buổi giám sát", on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField("loại", max_length=12, choices=FindingKind.choices)
    text = models.TextField("nội dung", max_length=TEXT_MAX_LENGTH)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name="chỉ tiêu liên quan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    value = models.DecimalField("số liệu ghi nhận", max_digits=20, decimal_places=4, null=True, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "nhận xét"
        verbose_name_plural = "nhận xét (kết quả, hạn chế)"
        ordering = ["visit", "order", "id"]

    def __str__(self):
        return self.text[:80]


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa triển khai"
    IN_PROGRESS = "in_progress", "Đang triển khai"
    DONE = "done", "Đã hoàn thành"


class Task(models.Model):
    """A task (nhiệm vụ) of a resolution, or a numbered recommendation of a visit."""

    resolution = models.ForeignKey(
        Resolution, verbose_name="văn bản", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    visit = models.ForeignKey(
        Visit,
        verbose_name="kiến nghị của buổi giám sát",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    pillar = models.ForeignKey(
        Pillar, verbose_name="trụ cột", null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    group = models.CharField(
        "nhóm nhiệm vụ", max_length=120, blank=True, help_text="Ví dụ: Nhóm nhiệm vụ chung, Phát triển chính quyền số."
    )
    number = models.PositiveSmallIntegerField("số thứ tự")
    title = models.TextField("nội dung nhiệm vụ", max_length=TEXT_MAX_LENGTH)
    lead_unit = models.ForeignKey(
        "units.ReportingUnit",
        verbose_name="đơn vị chủ trì",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_tasks",
    )
    deadline = models.DateField("thời hạn", null=True, blank=True)
    status = models.CharField("tình trạng", max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED)
    progress_note = models.TextField("tiến độ, kết quả", blank=True, max_length=TEXT_MAX_LENGTH)
    # Invented content (demo data: titles, numbering, deadlines, statuses the source does not give) is
    # shown with a "minh họa" mark and the reason, never as fact.
    is_illustrative = models.BooleanField(
        "nhiệm vụ minh họa", default=False, help_text="Nội dung do hệ thống tạo để minh họa; văn bản gốc không nêu."
    )
    illustrative_note = models.CharField(
        "lý do minh họa", max_length=300, blank=True,
        help_text="Phần nào là minh họa và vì sao; hiện kèm nhãn “minh họa”. Để trống: câu mặc định.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="cập nhật bởi", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "nhiệm vụ / kiến nghị"
        verbose_name_plural = "nhiệm vụ, kiến nghị"
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
                fields=["visit", "number"], condition=Q(visit__isnull=False), name="unique_recommendation_number"
            ),
        ]

    def __str__(self):
        return f"({self.number}) {self.title[:80]}"

    ILLUSTRATIVE_REASON = "Nhiệm vụ do hệ thống tạo để minh họa; văn bản gốc không nêu nội dung này."

    @property
    def illustrative_reason(self):
        """Why the task carries the "minh họa" mark ("" for a task as the source states it)."""
        return (self.illustrative_note or self.ILLUSTRATIVE_REASON) if self.is_illustrative else ""
