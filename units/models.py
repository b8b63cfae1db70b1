"""Reporting units: a tree with kinds, codes, validity and successions.

The tree is stored twice on purpose: `parent` is the truth, `path` (the ids
from the root, "/1/5/23/") is a materialised copy so "the subtree of X" is one
indexed prefix query whatever the depth. `save()` keeps it right, including
for descendants when a unit moves.

A move is a dated placement, never an overwrite of the past: `record_placement` is the one way a unit's
placement changes; `ReportingUnit.save()` calls it for a new unit and for every changed parent (the admin,
the API and a reorganisation date the move through `_move_on`/`_move_basis`; without them it is a move
from today).
"""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .signals import tree_changed
from .tree import tree_on


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/Thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("UBND cấp huyện")
    DISTRICT_OFFICE = "district_office", _("Phòng chuyên môn cấp huyện")
    COMMUNE = "commune", _("UBND cấp xã")
    SCHOOL = "school", _("Cơ sở giáo dục")
    OTHER = "other", _("Đơn vị khác")


class Role(models.TextChoices):
    ENTRY = "entry", pgettext_lazy("role", "Nhập liệu")
    APPROVER = "approver", pgettext_lazy("role", "Phê duyệt")
    SUPERVISOR = "supervisor", pgettext_lazy("role", "Giám sát")
    VIEWER = "viewer", pgettext_lazy("role", "Xem")


class ReportingUnitQuerySet(models.QuerySet):
    def within(self, unit):
        """The subtree of `unit`, the unit itself included."""
        return self.filter(path__startswith=unit.path)

    def active_between(self, start, end):
        """Units that existed at some point of the window [start, end]."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )


class ReportingUnitManager(models.Manager.from_queryset(ReportingUnitQuerySet)):
    def rebuild_paths(self):
        """Recompute every `path` from `parent` and place every unit not yet placed (after bulk inserts).

        A unit without a placement is placed under its parent from its `valid_from`.
        """
        unplaced = list(self.filter(placements__isnull=True).values_list("id", "parent_id", "valid_from"))
        UnitPlacement.objects.bulk_create(
            [UnitPlacement(unit_id=uid, parent_id=pid, valid_from=start) for uid, pid, start in unplaced],
            batch_size=1000,
        )
        rows = list(self.values_list("id", "parent_id"))
        parent_of = dict(rows)
        paths = {}

        def path_of(uid):
            if uid not in paths:
                pid = parent_of[uid]
                paths[uid] = (path_of(pid) if pid else "/") + f"{uid}/"
            return paths[uid]

        changed = []
        current = dict(self.values_list("id", "path"))
        for uid, _parent in rows:
            if current[uid] != path_of(uid):
                changed.append(self.model(id=uid, path=paths[uid], depth=paths[uid].count("/") - 2))
        self.bulk_update(changed, ["path", "depth"], batch_size=500)
        if changed or unplaced:
            tree_changed()  # bulk writes send no model signals
        return len(changed)


class ReportingUnit(models.Model):
    code = models.CharField(
        _("mã đơn vị"), max_length=40, unique=True, help_text=_("Mã nội bộ, duy nhất và không bao giờ dùng lại.")
    )
    statistical_code = models.CharField(
        _("mã TCTK"), max_length=20, blank=True, help_text=_("Mã đơn vị hành chính của Tổng cục Thống kê (nếu có).")
    )
    agency_code = models.CharField(
        _("mã định danh điện tử"),
        max_length=40,
        blank=True,
        help_text=format_lazy(_("Mã định danh điện tử của cơ quan, ví dụ {example} ({source})."),
                              example="000.00.00.H56", source="QĐ 20/2020/QĐ-TTg"),
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(
        _("hiệu lực đến ngày"), null=True, blank=True, help_text=_("Để trống nếu đơn vị còn hoạt động.")
    )

    objects = ReportingUnitManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị báo cáo")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Save, keeping `path` and the dated placements right.

        A new unit is placed under its parent from its `valid_from`. A changed
        parent is a move: recorded as a new placement from `self._move_on`
        (set by the admin's move date or a reorganisation, with its legal basis) or from today,
        so no figure of an earlier period changes.
        """
        with transaction.atomic():
            old_path = self.path
            if self._state.adding:
                # The path ends with the unit's own id, known only after the INSERT: set it with an
                # UPDATE (no second save, so the audit history shows one creation, with the path).
                super().save(*args, **kwargs)
                self.path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
                self.depth = self.path.count("/") - 2
                ReportingUnit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
                self.history.filter(history_type="+").update(path=self.path, depth=self.depth)
                UnitPlacement.objects.create(unit=self, parent_id=self.parent_id, valid_from=self.valid_from,
                                             legal_basis=getattr(self, "_move_basis", ""))
                return
            stored_parent = ReportingUnit.objects.filter(pk=self.pk).values_list("parent_id", flat=True).first()
            if stored_parent != self.parent_id:
                record_placement(self, self.parent_id, getattr(self, "_move_on", None),
                                 getattr(self, "_move_basis", ""))
            new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
            if self.parent_id and new_path.count(f"/{self.pk}/") > 1:
                raise ValueError(gettext("Đơn vị cấp trên không được là chính nó hoặc đơn vị cấp dưới của nó."))
            self.path = new_path
            self.depth = new_path.count("/") - 2
            super().save(*args, **kwargs)
            if old_path and old_path != new_path:
                # Move the whole subtree in one UPDATE.
                ReportingUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1)),
                    depth=models.F("depth") + (self.depth - (old_path.count("/") - 2)),
                )

    # --- tree helpers ----------------------------------------------------
    @property
    def ancestor_ids(self):
        """Ids from the root down to the parent."""
        return [int(x) for x in self.path.strip("/").split("/")[:-1]] if self.path else []

    def ancestors(self, on=None):
        """Units from the root down to the parent, in order (one query): in today's tree, or in the tree
        of the day `on` (a 2022 report of a school that moved in 2025 sits under its 2022 Phòng)."""
        if on is None:
            ids = self.ancestor_ids
        else:
            ids = tree_on(on).ancestors(self.pk)
        by_id = ReportingUnit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def is_within(self, other):
        """True when self is `other` or below it."""
        return self.path.startswith(other.path)

    def is_active_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)

    @property
    def successor(self):
        """The unit that took over this one (merge or rename), if any."""
        link = (
            self.succeeded_by.filter(kind__in=[SuccessionKind.MERGE, SuccessionKind.RENAME])
            .select_related("successor")
            .first()
        )
        return link.successor if link else None


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập, hợp nhất")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")


class UnitSuccession(models.Model):
    """A unit handed over to another on a date (1/7/2025: 63 -> 34 provinces).

    History is never rewritten: the predecessor keeps its values; the
    successor's series can include the predecessor's periods before
    `effective_on` (see indicators.figures.unit_series).
    """

    predecessor = models.ForeignKey(
        ReportingUnit, verbose_name=_("đơn vị cũ"), on_delete=models.PROTECT, related_name="succeeded_by"
    )
    successor = models.ForeignKey(
        ReportingUnit, verbose_name=_("đơn vị kế thừa"), on_delete=models.PROTECT, related_name="preceded_by"
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True, help_text=_("Ví dụ: NQ 202/2025/QH15"))

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị (sáp nhập, chia tách, đổi tên)")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()}, {self.effective_on:%d/%m/%Y})"


class UnitPlacement(models.Model):
    """Where a unit sits in the tree from one day to another: its dated parent (DESIGN.md §4).

    A move is a new placement from its date, the previous one ending the day
    before; never an overwrite. Every figure of a period reads the tree as of
    the period's last day (`units.tree.tree_on`). `ReportingUnit.parent`
    mirrors the unit's latest placement.
    """

    unit = models.ForeignKey(ReportingUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="placements")
    parent = models.ForeignKey(ReportingUnit, verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True, help_text=_("Để trống: từ khi có đơn vị."))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True, help_text=_("Để trống: đến nay."))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("vị trí trong cây đơn vị")
        verbose_name_plural = _("vị trí trong cây đơn vị (theo thời gian)")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="placement_valid_range",
            ),
            models.CheckConstraint(condition=~Q(unit=models.F("parent")), name="placement_not_own_parent"),
        ]

    def __str__(self):
        start = f"{self.valid_from:%d/%m/%Y}" if self.valid_from else "…"
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else pgettext("placement until", "nay")
        parent = self.parent or gettext("cấp cao nhất")
        return f"{self.unit} — {parent} ({start} – {end})"


class TreeError(Exception):
    """A move the tree cannot take; `message` is Vietnamese and names the units."""

    def __init__(self, message, field="parent"):
        super().__init__(message)
        self.message = message
        self.field = field


def record_placement(unit, parent_id, on=None, legal_basis=""):
    """Place `unit` under `parent_id` from `on` (default today): its placement covering `on` ends
    the day before, later ones are refused. Called by ReportingUnit.save() on a changed parent."""
    on = on or timezone.localdate()
    placements = list(UnitPlacement.objects.select_for_update().filter(unit=unit).order_by("valid_from"))
    later = [p for p in placements if p.valid_from is not None and p.valid_from > on]
    if later:
        raise TreeError(
            gettext("“%(unit)s” đã có vị trí từ ngày %(placed)s, sau ngày %(date)s; "
                    "không chuyển được về trước ngày đó.")
            % {"unit": unit.name, "placed": f"{later[0].valid_from:%d/%m/%Y}", "date": f"{on:%d/%m/%Y}"}
        )
    current = next((p for p in placements if (p.valid_from is None or p.valid_from <= on)
                    and (p.valid_to is None or p.valid_to >= on)), None)
    if current is not None and current.parent_id == parent_id:
        return current
    if current is not None:
        if current.valid_from == on:  # moved twice on one day: the day's placement is the last one
            current.parent_id, current.legal_basis = parent_id, legal_basis or current.legal_basis
            current.save()
            return current
        current.valid_to = on - dt.timedelta(days=1)
        current.save()
    return UnitPlacement.objects.create(unit=unit, parent_id=parent_id, valid_from=on, legal_basis=legal_basis)


class Membership(models.Model):
    """A user's role over a unit; the role reaches the unit's whole subtree (as of each period).

    `valid_from` / `valid_to` bound the periods the role may write: a
    membership passed to a successor by a reorganisation starts on its date.
    Reading is not bounded (a successor's staff read its predecessors' history).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(ReportingUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True, help_text=_("Để trống: không giới hạn."))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True, help_text=_("Để trống: không giới hạn."))

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền người dùng")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class Reorganisation(models.Model):
    """An applied reorganisation (sắp xếp đơn vị): merges, splits, renames and moves on one date.

    `steps` are kept as posted (API.md "Reorganisation"); `result` is what
    applying did (ended, created, moved, hand-overs) and what reverting needs.
    Applied and reverted only by units.reorganisation.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ áp dụng")
        RUNNING = "running", _("Đang áp dụng")
        APPLIED = "applied", _("Đã áp dụng")
        FAILED = "failed", _("Không áp dụng được")

    effective_on = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    steps = models.JSONField(_("các bước"), default=list)
    result = models.JSONField(_("kết quả"), default=dict)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.APPLIED)
    error = models.TextField(_("lỗi"), blank=True)
    applied_at = models.DateTimeField(_("áp dụng lúc"), auto_now_add=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người áp dụng"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    reverted_at = models.DateTimeField(_("hoàn tác lúc"), null=True, blank=True)
    reverted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người hoàn tác"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("đợt sắp xếp đơn vị")
        verbose_name_plural = _("sắp xếp đơn vị (sáp nhập, chia tách, đổi tên, chuyển)")
        ordering = ["-effective_on", "-applied_at"]

    def __str__(self):
        return gettext("%(basis)s (hiệu lực %(date)s)") % {
            "basis": self.legal_basis, "date": f"{self.effective_on:%d/%m/%Y}"}


class DocumentRegime(models.TextChoices):
    """Which rules a unit's documents follow (DESIGN.md §6)."""

    STATE = "state", format_lazy(_("Văn bản hành chính nhà nước (Nghị định {number})"), number="30/2020/NĐ-CP")
    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")


# The authority before a signature ("thẩm quyền ký"): NĐ 30/2020 writes TM., KT., Q., TL., TUQ.;
# the party's documents T/M, K/T, T/L, T/UQ (Hướng dẫn 36-HD/VPTW). A signature by the head
# himself carries none.
AUTHORITY_PREFIXES = {
    DocumentRegime.STATE: ("TM.", "KT.", "Q.", "TL.", "TUQ."),
    DocumentRegime.PARTY: ("T/M", "K/T", "T/L", "T/UQ"),
}


class IssuingProfile(models.Model):
    """What the documents a unit issues need: its heading, place name, number and signature.

    A unit may issue in both regimes: the Sở issues state reports, its party
    committee (Đảng ủy Sở) reports on the Tỉnh ủy's resolutions; hence one
    profile per unit and regime, kept apart from ReportingUnit. A document
    takes the profile of the unit valid on its date (units.issuing).
    """

    unit = models.ForeignKey(
        ReportingUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="issuing_profiles"
    )
    regime = models.CharField(_("thể thức văn bản"), max_length=10, choices=DocumentRegime.choices,
                              default=DocumentRegime.STATE)
    governing_body = models.CharField(
        _("tên cơ quan chủ quản"), max_length=200, blank=True,
        help_text=format_lazy(_("Dòng trên của tiêu đề, chữ in hoa, ví dụ {first} hoặc {second}; để trống nếu không có."),
                              first="“UBND TỈNH QUẢNG TRỊ”", second="“ĐẢNG BỘ TỈNH KHÁNH HÒA”"),
    )
    official_name = models.CharField(
        _("tên cơ quan ban hành"), max_length=200,
        help_text=format_lazy(_("Chữ in hoa, đậm; xuống dòng nơi cần ngắt, ví dụ {first} / {second} hoặc {third}."),
                              first="“ỦY BAN NHÂN DÂN”", second="“TỈNH KHÁNH HÒA”", third="“SỞ GIÁO DỤC VÀ ĐÀO TẠO”"),
    )
    short_name = models.CharField(
        _("tên gọi trong văn bản"), max_length=200, blank=True,
        help_text=format_lazy(_("Tên cơ quan khi nhắc trong câu, ví dụ {example} (phụ lục: {appendix}). "
                                "Để trống: tên đơn vị."),
                              example="“Sở Giáo dục và Đào tạo tỉnh Quảng Trị”",
                              appendix="“Kèm theo Báo cáo số … của …”"),
    )
    place_name = models.CharField(
        _("địa danh"), max_length=60,
        help_text=format_lazy(_("Địa danh ghi trước ngày tháng, ví dụ {place} ({dateline})."),
                              place="“Quảng Trị”", dateline="Quảng Trị, ngày 05 tháng 3 năm 2026"),
    )
    number_suffix = models.CharField(
        _("ký hiệu số báo cáo"), max_length=40,
        help_text=format_lazy(_("Phần sau số: {state} (văn bản nhà nước: {state_example}) hoặc {party} "
                                "(văn bản của Đảng: {party_example})."),
                              state="“/BC-SGDĐT”", state_example="Số: 12/BC-SGDĐT",
                              party="“-BC/ĐU”", party_example="Số 12-BC/ĐU"),
    )
    authority = models.CharField(
        _("thẩm quyền ký"), max_length=200, blank=True,
        help_text=format_lazy(_("Mỗi dòng một cấp, ví dụ {first} / {second}, {third}, {fourth}. "
                                "Để trống khi người đứng đầu ký."),
                              first="“TM. ỦY BAN NHÂN DÂN”", second="“KT. CHỦ TỊCH”", third="“KT. GIÁM ĐỐC”",
                              fourth="“T/M BAN THƯỜNG VỤ”"),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, help_text=format_lazy(_("Ví dụ: {example}."), example="PHÓ GIÁM ĐỐC"))
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    recipients = models.TextField(
        _("nơi nhận"), blank=True,
        help_text=format_lazy(_("Mỗi dòng một nơi nhận, ví dụ {first} … {last}"),
                              first="“UBND tỉnh (để báo cáo);”", last="“Lưu: VT, VP.”"),
    )

    class Meta:
        verbose_name = _("thông tin ban hành văn bản")
        verbose_name_plural = _("thông tin ban hành văn bản (tiêu đề, ký, nơi nhận)")
        ordering = ["unit__path", "regime"]
        constraints = [models.UniqueConstraint(fields=["unit", "regime"], name="unique_issuing_profile")]

    def __str__(self):
        return f"{self.unit} – {self.get_regime_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        bad = [line for line in self.authority_lines if not line.startswith(AUTHORITY_PREFIXES[self.regime])]
        if bad:
            raise ValidationError({"authority": authority_message(self.regime, bad[0])})

    @property
    def official_lines(self):
        return [line.strip() for line in self.official_name.splitlines() if line.strip()]

    @property
    def authority_lines(self):
        return [line.strip() for line in self.authority.splitlines() if line.strip()]

    @property
    def recipient_lines(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


def authority_message(regime, line):
    """The Vietnamese message for an authority line that is not of the regime's forms."""
    return gettext("Thẩm quyền ký “%(line)s” không đúng thể thức: mỗi dòng bắt đầu bằng một trong %(forms)s "
                   "(để trống khi người đứng đầu ký).") % {"line": line, "forms": ", ".join(AUTHORITY_PREFIXES[regime])}
