"""Report runs: every Excel report requested or compiled on schedule."""

from django.conf import settings
from django.db import models


class ReportKind(models.TextChoices):
    PROGRESS = "progress", "Kết quả thực hiện chỉ tiêu"
    UNIT_SCORECARD = "unit_scorecard", "Bảng chỉ tiêu của đơn vị"
    COMPLETENESS = "completeness", "Tình hình gửi báo cáo"
    TASKS = "tasks", "Nhiệm vụ và kiến nghị"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang tạo"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"


class ReportRun(models.Model):
    kind = models.CharField("loại báo cáo", max_length=20, choices=ReportKind.choices)
    parameters = models.JSONField("tham số", default=dict, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True)
    file = models.FileField("tệp", upload_to="reports/%Y/%m/", blank=True)
    error = models.TextField("lỗi", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người yêu cầu", null=True, blank=True, on_delete=models.SET_NULL, related_name="report_runs"
    )
    scheduled = models.BooleanField("tạo theo lịch", default=False)
    created_at = models.DateTimeField("yêu cầu lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)

    class Meta:
        verbose_name = "lượt tạo báo cáo"
        verbose_name_plural = "lượt tạo báo cáo"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"
