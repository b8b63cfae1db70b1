"""Report runs: every report (workbook, Word document, PDF) requested or compiled on schedule."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("Kết quả thực hiện chỉ tiêu")
    UNIT_SCORECARD = "unit_scorecard", _("Bảng chỉ tiêu của đơn vị")
    COMPLETENESS = "completeness", _("Tình hình gửi báo cáo")
    TASKS = "tasks", _("Nhiệm vụ và kiến nghị")
    NARRATIVE = "narrative", _("Báo cáo thuyết minh (Word)")


class ReportFormat(models.TextChoices):
    """The file a run produces (API.md "Documents"): a workbook, a Word document, or either as PDF."""

    XLSX = "xlsx", "Excel (.xlsx)"
    DOCX = "docx", "Word (.docx)"
    PDF = "pdf", "PDF (.pdf)"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class ReportRun(models.Model):
    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=ReportKind.choices)
    parameters = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True)
    file = models.FileField(_("tệp"), upload_to="reports/%Y/%m/", blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), null=True, blank=True, on_delete=models.SET_NULL, related_name="report_runs"
    )
    scheduled = models.BooleanField(_("tạo theo lịch"), default=False)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    # Beaten every REPORT_HEARTBEAT_SECONDS while a worker compiles the run: a `running` run whose beat
    # stopped lost its worker (reports.runs.recovery.mark_stuck_runs).
    heartbeat_at = models.DateTimeField(_("tín hiệu hoạt động lúc"), null=True, blank=True)
    # The unit whose subtree the report covers (None: everything, admins only). Decides who
    # sees a scheduled run and who may download it.
    scope_unit = models.ForeignKey(
        "units.ReportingUnit", verbose_name=_("phạm vi"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # "kind:resolution:period:unit": a scheduled report is never compiled twice for the same parameters.
    params_key = models.CharField(_("khóa tham số"), max_length=120, blank=True, db_index=True, editable=False)
    file_name = models.CharField(_("tên tệp tải về"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("lượt tạo báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "lượt tạo báo cáo")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"


class ReminderStage(models.TextChoices):
    DAYS_7 = "d7", _("Còn 7 ngày")
    DAYS_3 = "d3", _("Còn 3 ngày")
    DAYS_1 = "d1", _("Còn 1 ngày")
    OVERDUE = "overdue", _("Quá hạn")
    MANUAL = "manual", _("Nhắc thủ công")


class Reminder(models.Model):
    """A deadline reminder to a unit's entry users, logged: the scheduled ones once per unit, period and
    stage (7, 3, 1 days before the deadline, overdue); a manual "Nhắc" once per unit and day."""

    unit = models.ForeignKey("units.ReportingUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey("indicators.Period", verbose_name=_("kỳ báo cáo"), on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(_("đợt nhắc"), max_length=10, choices=ReminderStage.choices, default=ReminderStage.DAYS_7)
    sent_on = models.DateField(_("ngày nhắc"), default=timezone.localdate)
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhắc"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    recipients = models.TextField(_("người nhận"), blank=True)

    class Meta:
        verbose_name = _("nhắc hạn báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "nhắc hạn báo cáo")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period", "stage"], condition=~Q(stage="manual"),
                                    name="unique_scheduled_reminder"),
            models.UniqueConstraint(fields=["unit", "sent_on"], condition=Q(stage="manual"),
                                    name="unique_manual_reminder_per_day"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.period}"


class ReportSubscription(models.Model):
    """A user who wants a scheduled report by e-mail when it is compiled.

    Scope: a kind, optionally one resolution and one unit (the report's scope
    must lie within the unit's subtree). The user must also be allowed to see
    the report (units.access).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="report_subscriptions"
    )
    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=ReportKind.choices)
    resolution = models.ForeignKey(
        "resolutions.Resolution", verbose_name=_("văn bản"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "units.ReportingUnit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        help_text=_("Để trống: mọi báo cáo người nhận được xem."),
    )
    is_active = models.BooleanField(_("đang nhận"), default=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký nhận báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "đăng ký nhận báo cáo")
        ordering = ["user", "kind"]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang kiểm tra")
    DONE = "done", _("Đã lưu")
    REFUSED = "refused", _("Có lỗi, chưa lưu")
    FAILED = "failed", _("Lỗi hệ thống")


class ImportRun(models.Model):
    """A large Excel upload checked and imported by the worker (reports.excel.jobs), with its progress.

    Small files are imported in the request, as before; this keeps a web worker from spending more
    than a few seconds on an upload. All or nothing, as every import: `errors` lists what refused it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.CASCADE,
                             related_name="+")
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    status = models.CharField(_("trạng thái"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    phase = models.CharField(_("bước"), max_length=10, blank=True)
    rows_done = models.PositiveIntegerField(_("số dòng đã kiểm tra"), default=0)
    rows_total = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    created = models.PositiveIntegerField(_("số liệu mới"), default=0)
    updated = models.PositiveIntegerField(_("số liệu cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("dòng không đổi"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    message = models.TextField(_("thông báo"), blank=True)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("tín hiệu hoạt động lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập Excel")
        verbose_name_plural = pgettext_lazy("plural", "lượt nhập Excel")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"


class NotificationKind(models.TextChoices):
    """What a person may be told; each user chooses which they get and how (NotificationPreference)."""

    RETURNED = "returned", _("Báo cáo bị trả lại")
    APPROVED = "approved", _("Báo cáo được duyệt")
    DEADLINE = "deadline", _("Sắp đến hạn gửi báo cáo (còn 7, 3, 1 ngày)")
    OVERDUE = "overdue", _("Quá hạn gửi báo cáo")
    TASK_ASSIGNED = "task_assigned", _("Được giao kiến nghị")
    TASK_DUE = "task_due", _("Kiến nghị sắp đến hạn hoặc quá hạn")


class Notification(models.Model):
    """One thing told to one user: shown under the bell (in_app) and/or e-mailed by the worker."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE,
                             related_name="notifications")
    kind = models.CharField(_("loại"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=250)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    # The same event is never told twice to a user (a daily job run again, two workers).
    key = models.CharField(pgettext_lazy("notification field: deduplication key", "khóa"), max_length=150, blank=True, editable=False)
    in_app = models.BooleanField(_("hiện trong hệ thống"), default=True)
    by_email = models.BooleanField(_("gửi e-mail"), default=False)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi e-mail lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = pgettext_lazy("plural", "thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]
        constraints = [models.UniqueConstraint(fields=["user", "key"], condition=~Q(key=""),
                                               name="unique_notification_key")]

    def __str__(self):
        return f"{self.user} – {self.title}"


class NotificationPreference(models.Model):
    """A user's choice for one kind of notification (no row: both channels on)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE,
                             related_name="notification_preferences")
    kind = models.CharField(_("loại"), max_length=20, choices=NotificationKind.choices)
    in_app = models.BooleanField(_("trong hệ thống"), default=True)
    by_email = models.BooleanField(_("qua e-mail"), default=True)

    class Meta:
        verbose_name = _("lựa chọn nhận thông báo")
        verbose_name_plural = pgettext_lazy("plural", "lựa chọn nhận thông báo")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()}"
