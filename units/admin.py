"""Admin (quản trị) for reporting units, successions, memberships and users."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .access import LAST_ADMIN_MESSAGE, removes_last_admin
from .models import IssuingProfile, Membership, Reorganisation, ReportingUnit, UnitPlacement, UnitSuccession

User = get_user_model()


def _today():
    return timezone.localdate()


class DistinctRowsFormSet(BaseInlineFormSet):
    """An inline formset refusing two rows with the same key.

    Django checks conditional unique constraints row by row against the
    database only, so two new rows with the same key would end in an
    IntegrityError (a 500). Subclasses give `row_key` and `duplicate_message`.
    """

    def row_key(self, data):
        return None

    def duplicate_message(self, data, first_row, row):
        return gettext("Dòng %(first)s và dòng %(row)s bị trùng.") % {"first": first_row, "row": row}

    def clean(self):
        super().clean()
        seen = {}
        for row, form in enumerate(self.forms, start=1):
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            key = self.row_key(data)
            if key is None:
                continue
            if key in seen:
                raise ValidationError(self.duplicate_message(data, seen[key], row))
            seen[key] = row


class CompactInlineMixin:
    """Tabular rows without the add/change/delete/view icons beside every select."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(field, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return field


class ActiveFilter(admin.SimpleListFilter):
    """Units existing today (valid_from ≤ today ≤ valid_to, blanks open-ended)."""

    title = _("Còn hoạt động")
    parameter_name = "con_hoat_dong"

    def lookups(self, request, model_admin):
        return [("1", _("Còn hoạt động")), ("0", _("Đã giải thể, sáp nhập hoặc chưa hiệu lực"))]

    def queryset(self, request, queryset):
        today = _today()
        active = Q(valid_from__isnull=True) | Q(valid_from__lte=today)
        active &= Q(valid_to__isnull=True) | Q(valid_to__gte=today)
        if self.value() == "1":
            return queryset.filter(active)
        if self.value() == "0":
            return queryset.exclude(active)
        return queryset


class ReportingUnitForm(forms.ModelForm):
    class Meta:
        model = ReportingUnit
        fields = (
            "code",
            "statistical_code",
            "agency_code",
            "name",
            "kind",
            "parent",
            "valid_from",
            "valid_to",
        )

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        unit = self.instance
        if parent and unit.pk and (parent.pk == unit.pk or (unit.path and parent.path.startswith(unit.path))):
            raise forms.ValidationError(
                gettext("Đơn vị cấp trên không được là chính đơn vị này hoặc một đơn vị cấp dưới của nó.")
            )
        return parent

    move_on = forms.DateField(
        label=_("Chuyển từ ngày"), required=False,
        help_text=_("Khi đổi đơn vị cấp trên: ngày có hiệu lực (để trống: hôm nay). Số liệu các kỳ kết thúc trước "
                    "ngày này vẫn tính theo đơn vị cấp trên cũ."))
    move_basis = forms.CharField(label=_("Căn cứ chuyển"), required=False, max_length=255,
                                 help_text=format_lazy(_("Ví dụ: {example}."), example="Quyết định số 123/QĐ-UBND"))

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", gettext("Ngày hết hiệu lực phải sau hoặc bằng ngày bắt đầu hiệu lực."))
        unit = self.instance
        if unit.pk and "parent" in self.changed_data:
            on = data.get("move_on") or _today()
            latest = UnitPlacement.objects.filter(unit=unit, valid_from__gt=on).order_by("valid_from").first()
            if latest is not None:
                self.add_error("move_on", gettext("Đơn vị đã có vị trí từ ngày %(date)s; ngày chuyển phải "
                                                  "từ ngày đó trở đi.") % {"date": f"{latest.valid_from:%d/%m/%Y}"})
            unit._move_on, unit._move_basis = on, data.get("move_basis") or ""
        return data


class PlacementInline(CompactInlineMixin, admin.TabularInline):
    """Where the unit sat in the tree over time (read-only: moves are made by changing the parent above,
    with a date, or by a reorganisation)."""

    model = UnitPlacement
    fk_name = "unit"
    fields = ("parent", "valid_from", "valid_to", "legal_basis")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("vị trí")
    verbose_name_plural = _("Vị trí trong cây đơn vị theo thời gian")

    def has_add_permission(self, request, obj=None):
        return False


class SuccessionForm(forms.ModelForm):
    class Meta:
        model = UnitSuccession
        fields = ("predecessor", "successor", "kind", "effective_on", "legal_basis")

    def clean(self):
        data = super().clean()
        pred = data.get("predecessor") or getattr(self.instance, "predecessor", None)
        succ = data.get("successor") or getattr(self.instance, "successor", None)
        if pred is not None and succ is not None and pred.pk is not None and pred.pk == succ.pk:
            self.add_error("successor", gettext("Đơn vị kế thừa phải khác đơn vị cũ."))
        return data


class SuccessionInline(CompactInlineMixin, admin.TabularInline):
    """Where this unit went (this unit is the predecessor)."""

    model = UnitSuccession
    form = SuccessionForm
    fk_name = "predecessor"
    fields = ("successor", "kind", "effective_on", "legal_basis")
    autocomplete_fields = ("successor",)
    extra = 0
    verbose_name = _("đơn vị kế thừa")
    verbose_name_plural = _("Đơn vị kế thừa đơn vị này (sáp nhập, chia tách, đổi tên)")


class PredecessorInline(CompactInlineMixin, admin.TabularInline):
    """Which units this unit took over (this unit is the successor)."""

    model = UnitSuccession
    form = SuccessionForm
    fk_name = "successor"
    fields = ("predecessor", "kind", "effective_on", "legal_basis")
    autocomplete_fields = ("predecessor",)
    extra = 0
    verbose_name = _("đơn vị cũ")
    verbose_name_plural = _("Đơn vị cũ đã chuyển về đơn vị này")


class UnitMembershipInline(CompactInlineMixin, admin.TabularInline):
    model = Membership
    fields = ("user", "role", "valid_from", "valid_to")
    autocomplete_fields = ("user",)
    extra = 0
    verbose_name = _("phân quyền")
    verbose_name_plural = _("Người dùng được phân quyền tại đơn vị (quyền áp dụng cho cả các đơn vị cấp dưới)")


class IssuingProfileForm(forms.ModelForm):
    """The document fields of a unit; several lines where a heading or an authority breaks."""

    class Meta:
        model = IssuingProfile
        fields = ("unit", "regime", "governing_body", "official_name", "short_name", "place_name", "number_suffix",
                  "authority", "signer_title", "signer_name", "recipients")
        widgets = {
            "official_name": forms.Textarea(attrs={"rows": 2, "cols": 60}),
            "authority": forms.Textarea(attrs={"rows": 2, "cols": 60}),
            "recipients": forms.Textarea(attrs={"rows": 5, "cols": 60}),
        }


@admin.register(ReportingUnit)
class ReportingUnitAdmin(SimpleHistoryAdmin):
    form = ReportingUnitForm
    list_display = ("code", "name", "kind", "parent", "valid_from", "valid_to", "is_active")
    list_display_links = ("code", "name")
    list_filter = ("kind", ActiveFilter)
    search_fields = ("code", "name", "statistical_code", "agency_code")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    list_per_page = 50
    readonly_fields = ("breadcrumb",)
    fieldsets = (
        (None, {"fields": ("breadcrumb", "code", "name", "kind", "parent", "move_on", "move_basis")}),
        (_("Mã trong các hệ thống khác"), {"fields": ("statistical_code", "agency_code")}),
        (_("Hiệu lực"), {"fields": ("valid_from", "valid_to")}),
    )
    inlines = (PlacementInline, SuccessionInline, PredecessorInline, UnitMembershipInline)

    @admin.display(description=_("Còn hoạt động"), boolean=True)
    def is_active(self, obj):
        return obj.is_active_on(_today())

    @admin.display(description=_("Vị trí trong cây đơn vị"))
    def breadcrumb(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return " › ".join([a.name for a in obj.ancestors()] + [obj.name])


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    form = SuccessionForm
    list_display = ("predecessor", "successor", "kind", "effective_on", "legal_basis")
    list_filter = ("kind", "effective_on")
    search_fields = (
        "predecessor__name",
        "predecessor__code",
        "successor__name",
        "successor__code",
        "legal_basis",
    )
    autocomplete_fields = ("predecessor", "successor")
    list_select_related = ("predecessor", "successor")
    date_hierarchy = "effective_on"


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "user_full_name", "role", "unit", "unit_kind", "valid_from", "valid_to")
    list_filter = ("role", "unit__kind")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "unit__name",
        "unit__code",
    )
    autocomplete_fields = ("user", "unit")
    list_select_related = ("user", "unit")

    @admin.display(description=_("họ và tên"), ordering="user__last_name")
    def user_full_name(self, obj):
        return obj.user.get_full_name()

    @admin.display(description=_("loại đơn vị"), ordering="unit__kind")
    def unit_kind(self, obj):
        return obj.unit.get_kind_display()


class UserMembershipInline(CompactInlineMixin, admin.TabularInline):
    model = Membership
    fields = ("unit", "role")
    autocomplete_fields = ("unit",)
    extra = 0
    verbose_name = _("phân quyền")
    verbose_name_plural = _("Phân quyền theo đơn vị (vai trò áp dụng cho đơn vị và toàn bộ đơn vị cấp dưới)")


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users and their roles. The last active admin can be neither deleted nor demoted nor deactivated
    (units.access.removes_last_admin): the product would have nobody left to run it."""

    inlines = (UserMembershipInline,)
    list_display = ("username", "email", "first_name", "last_name", "roles", "is_staff", "is_active")

    def has_delete_permission(self, request, obj=None):
        if obj is not None and removes_last_admin(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        remaining = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(
            pk__in=queryset.values("pk"))
        if queryset.filter(is_staff=True, is_active=True).exists() and not remaining.exists():
            self.message_user(request, LAST_ADMIN_MESSAGE, level="error")
            return
        super().delete_queryset(request, queryset)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form

        class KeepLastAdmin(form):
            def clean(self):
                cleaned = super().clean()
                staff = cleaned.get("is_staff", obj.is_staff)
                active = cleaned.get("is_active", obj.is_active)
                if removes_last_admin(obj, staff, active):
                    raise forms.ValidationError(LAST_ADMIN_MESSAGE)
                return cleaned

        return KeepLastAdmin

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__unit")

    @admin.display(description=_("phân quyền"))
    def roles(self, obj):
        return "; ".join(f"{m.get_role_display()} – {m.unit.name}" for m in obj.memberships.all()) or "—"


@admin.register(Reorganisation)
class ReorganisationAdmin(admin.ModelAdmin):
    """Applied reorganisations, read-only: they are made and reverted on the page "Sắp xếp đơn vị"."""

    list_display = ("effective_on", "legal_basis", "status", "applied_by", "applied_at", "reverted_at")
    list_filter = ("status",)
    readonly_fields = ("effective_on", "legal_basis", "status", "steps", "result", "error", "applied_by", "applied_at",
                       "reverted_at", "reverted_by")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssuingProfile)
class IssuingProfileAdmin(admin.ModelAdmin):
    """The documents' heading, place, number and signature of a unit, per regime (units.issuing).

    Kept apart from the unit's own page on purpose: the unit form stays as it
    is, and a unit issues in two regimes (the Sở, and its Đảng ủy).
    """

    form = IssuingProfileForm
    list_display = ("unit", "regime", "official_name", "place_name", "number_suffix", "signer_title", "signer_name")
    list_filter = ("regime",)
    search_fields = ("unit__name", "unit__code", "official_name", "signer_name")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit",)
