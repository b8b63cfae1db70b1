"""REST API v1: sign-in token, reporting units, users and their memberships.

Scope always comes from `units.access`: the units list shows only what the
caller reaches; users are for admins only.
"""

import django_filters
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.dateparse import parse_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import AtomicWritesMixin, Conflict, IdFilter, IsAdmin, IsAdminOrReadOnly

from . import logins, reorganisation
from .access import LAST_ADMIN_MESSAGE, removes_last_admin, units_for_user
from .models import (
    Membership,
    Reorganisation,
    ReportingUnit,
    Role,
    SuccessionKind,
    TreeError,
    UnitKind,
    UnitSuccession,
)
from .tree import tree_on

User = get_user_model()


# --- sign-in -----------------------------------------------------------------

class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, max_length=4096)


class TokenInfoSerializer(serializers.Serializer):
    key = serializers.CharField(source="token_key", help_text=_("Phần đầu của mã (để nhận ra và thu hồi)."))
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField(allow_null=True)


class ObtainTokenView(APIView):
    """POST {"username","password"} → {"token", "expiry"}; then send `Authorization: Token <token>`.

    Failed sign-ins are counted per account and per address (units.logins, django-axes): once locked,
    429 with the wait in `detail` and Retry-After. A token expires after API_TOKEN_HOURS and is revoked
    by a change of the password.
    """

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField(),
                                                     "expiry": serializers.DateTimeField(allow_null=True)}),
            400: OpenApiResponse(description=_("Sai tên đăng nhập hoặc mật khẩu: {detail}")),
            429: OpenApiResponse(
                description=_("Đăng nhập sai quá nhiều lần: {detail} (kèm thời gian chờ), Retry-After")
            ),
        },
        auth=[],
    )
    def post(self, request):
        ser = TokenRequestSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        # The Django request: django-axes marks it when the sign-in is locked out, and its middleware answers 429.
        user = authenticate(request._request, username=ser.validated_data["username"],
                            password=ser.validated_data["password"])
        if user is None or not user.is_active:
            return Response(
                {"detail": gettext("Tên đăng nhập hoặc mật khẩu không đúng.")}, status=status.HTTP_400_BAD_REQUEST
            )
        auth_token, token = logins.issue_token(user)
        return Response({"token": token, "expiry": auth_token.expiry})


class TokenListView(APIView):
    """The caller's own API tokens (not expired): GET lists them; DELETE revokes all of them."""

    @extend_schema(responses={200: TokenInfoSerializer(many=True)}, summary=_("Mã truy cập API của tôi"),
                   operation_id="auth_tokens_list")
    def get(self, request):
        return Response(TokenInfoSerializer(logins.user_tokens(request.user), many=True).data)

    @extend_schema(responses={204: None}, summary=_("Thu hồi mọi mã truy cập API của tôi"),
                   operation_id="auth_tokens_revoke_all")
    def delete(self, request):
        logins.revoke_all(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenDetailView(APIView):
    """DELETE revokes one of the caller's own tokens by its key (404 for an unknown or someone else's)."""

    @extend_schema(responses={204: None, 404: OpenApiResponse(description=_("Không tìm thấy mã truy cập"))},
                   summary=_("Thu hồi một mã truy cập API"), operation_id="auth_tokens_revoke")
    def delete(self, request, key):
        logins.revoke_token(request.user, key)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- units ---------------------------------------------------------------------

class UnitSerializer(serializers.ModelSerializer):
    successor = serializers.SerializerMethodField(help_text=_("Đơn vị kế thừa (sáp nhập, đổi tên), nếu có."))
    predecessors = serializers.SerializerMethodField(
        help_text=_("Các đơn vị đã chuyển vào đơn vị này (mọi hình thức).")
    )
    successors = serializers.SerializerMethodField(help_text=_("Các đơn vị kế thừa đơn vị này (mọi hình thức)."))

    class Meta:
        model = ReportingUnit
        fields = ["id", "code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "predecessors",
                  "successors"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        tree = self.context.get("tree")
        if tree is not None:  # ?on=: the parent as of that day (units.tree)
            data["parent"] = tree.parent.get(instance.pk)
        return data

    def get_predecessors(self, obj) -> list[int]:
        links = self.context.get("links")
        if links is None:
            return sorted(obj.preceded_by.values_list("predecessor_id", flat=True))
        return links["predecessors"].get(obj.pk, [])

    def get_successors(self, obj) -> list[int]:
        links = self.context.get("links")
        if links is None:
            return sorted(obj.succeeded_by.values_list("successor_id", flat=True))
        return links["successors"].get(obj.pk, [])

    def get_successor(self, obj) -> int | None:
        links = getattr(obj, "successor_links", None)
        if links is None:  # not prefetched: ask the model
            successor = obj.successor
            return successor.pk if successor else None
        return links[0].successor_id if links else None

    def validate(self, attrs):
        start = attrs.get("valid_from", getattr(self.instance, "valid_from", None))
        end = attrs.get("valid_to", getattr(self.instance, "valid_to", None))
        if start and end and end < start:
            raise serializers.ValidationError({"valid_to": [gettext("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")]})
        return attrs

    def save(self, **kwargs):
        try:
            return super().save(**kwargs)
        except ValueError as exc:  # a parent inside its own subtree (ReportingUnit.save)
            raise serializers.ValidationError({"parent": [str(exc)]}) from None
        except TreeError as exc:  # a move the dated tree cannot take (units.models.record_placement)
            raise serializers.ValidationError({exc.field: [exc.message]}) from None


class UnitFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact")
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices)
    parent = IdFilter(field_name="parent_id")
    within = IdFilter(method="filter_within", label=_("Cây đơn vị (id, gồm cả đơn vị đó)"))

    class Meta:
        model = ReportingUnit
        fields = ["code", "kind", "parent", "within"]

    def filter_within(self, queryset, name, value):
        unit = ReportingUnit.objects.filter(pk=value).only("path").first()
        return queryset.within(unit) if unit else queryset.none()


ON_PARAMETER = OpenApiParameter(
    "on", OpenApiTypes.DATE, description=_("Cây đơn vị vào ngày này (YYYY-MM-DD): chỉ các đơn vị đang hoạt động, "
                                           "`parent` và `within` theo ngày đó."))


@extend_schema_view(list=extend_schema(parameters=[ON_PARAMETER]), retrieve=extend_schema(parameters=[ON_PARAMETER]))
class UnitViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Reporting units in the caller's scope (admins: all). Write: admins.

    `?on=YYYY-MM-DD`: the units active that day with their parent as of that day; `within=` is then
    the subtree as of that day (API.md "Units as of a date")."""

    serializer_class = UnitSerializer
    permission_classes = [IsAdminOrReadOnly]
    filterset_class = UnitFilter

    def on_day(self):
        raw = self.request.query_params.get("on")
        if not raw:
            return None
        day = parse_date(raw) if len(raw) == 10 else None
        if day is None:
            raise serializers.ValidationError({"on": [gettext("Ngày không hợp lệ (dạng YYYY-MM-DD).")]})
        return day

    def get_queryset(self):
        # Same links as ReportingUnit.successor (merge or rename), fetched once for the page.
        links = UnitSuccession.objects.filter(kind__in=[SuccessionKind.MERGE, SuccessionKind.RENAME]).order_by("id")
        qs = units_for_user(self.request.user).prefetch_related(
            Prefetch("succeeded_by", queryset=links, to_attr="successor_links")
        ).order_by("path")
        day = self.on_day()
        if day is not None:
            tree = tree_on(day)
            active = [pk for pk in tree.parent if tree.units[pk].is_active_on(day)]
            within = self.request.query_params.get("within")
            if within and within.isdigit():
                active = [pk for pk in active if tree.is_within(pk, int(within))]
            qs = qs.filter(pk__in=active)
        return qs

    def filter_queryset(self, queryset):
        if self.on_day() is not None and "within" in self.request.query_params:
            # `within` was applied on the day's tree in get_queryset; the filter would use today's.
            params = self.request.query_params.copy()
            params.pop("within")
            return UnitFilter(params, queryset=queryset, request=self.request).qs
        return super().filter_queryset(queryset)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        day = self.on_day() if self.request is not None else None
        if day is not None:
            context["tree"] = tree_on(day)
        preds, succs = {}, {}
        for pred, succ in UnitSuccession.objects.values_list("predecessor_id", "successor_id").order_by("id"):
            preds.setdefault(succ, []).append(pred)
            succs.setdefault(pred, []).append(succ)
        context["links"] = {"predecessors": preds, "successors": succs}
        return context


# --- users -----------------------------------------------------------------------

class MembershipSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=ReportingUnit.objects.all())
    role = serializers.ChoiceField(choices=Role.choices)


class UserSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(required=False, allow_blank=True, max_length=300)
    is_admin = serializers.BooleanField(source="is_staff", required=False)
    memberships = MembershipSerializer(many=True, required=False)
    password = serializers.CharField(write_only=True, required=False, trim_whitespace=False,
                                     style={"input_type": "password"})

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "is_admin", "memberships", "password"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["full_name"] = instance.get_full_name()
        return data

    def validate_memberships(self, value):
        seen = set()
        for m in value:
            key = (m["unit"].pk, m["role"])
            if key in seen:
                raise serializers.ValidationError(gettext("Trùng phân quyền (đơn vị, vai trò)."))
            seen.add(key)
        return value

    def validate(self, attrs):
        password = attrs.get("password")
        if password:
            probe = self.instance or User(username=attrs.get("username", ""), email=attrs.get("email", ""))
            try:
                validate_password(password, probe)
            except DjangoValidationError as exc:
                raise serializers.ValidationError({"password": list(exc.messages)}) from None
        return attrs

    @staticmethod
    def _apply_name(user, full_name):
        # Vietnamese names read family name first: "Nguyễn Văn An" -> first "Nguyễn", last "Văn An",
        # so that get_full_name() ("first last") gives the name back unchanged.
        first, _, last = full_name.strip().partition(" ")
        user.first_name, user.last_name = first, last.strip()

    def _save(self, user, validated_data):
        memberships = validated_data.pop("memberships", None)
        password = validated_data.pop("password", None)
        full_name = validated_data.pop("full_name", None)
        for field, value in validated_data.items():
            setattr(user, field, value)
        if full_name is not None:
            self._apply_name(user, full_name)
        if password:
            user.set_password(password)
        elif user.pk is None:
            user.set_unusable_password()
        user.save()
        if memberships is not None:
            wanted = {(m["unit"].pk, m["role"]) for m in memberships}
            current = {(m.unit_id, m.role): m for m in user.memberships.all()}
            for key, m in current.items():
                if key not in wanted:
                    m.delete()
            for unit_id, role in wanted - current.keys():
                Membership.objects.create(user=user, unit_id=unit_id, role=role)
        return user

    @transaction.atomic
    def create(self, validated_data):
        return self._save(User(), validated_data)

    @transaction.atomic
    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


class UserFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(field_name="username", lookup_expr="iexact")

    class Meta:
        model = User
        fields = ["username"]


class UserViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Users and their roles (admins only)."""

    serializer_class = UserSerializer
    permission_classes = [IsAdmin]
    filterset_class = UserFilter
    queryset = User.objects.prefetch_related("memberships").order_by("username")

    def perform_update(self, serializer):
        data, user = serializer.validated_data, serializer.instance
        if removes_last_admin(user, data.get("is_staff", user.is_staff), data.get("is_active", user.is_active)):
            raise Conflict(LAST_ADMIN_MESSAGE)  # 409: the last admin is kept
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        if removes_last_admin(instance):
            raise Conflict(LAST_ADMIN_MESSAGE)
        super().perform_destroy(instance)


# --- reorganisations (admin) ----------------------------------------------------------------

class ReorganisationRequestSerializer(serializers.Serializer):
    effective_on = serializers.DateField(help_text=_("Ngày hiệu lực, ví dụ 2025-07-01."))
    legal_basis = serializers.CharField(
        max_length=255, help_text=_("Căn cứ pháp lý, ví dụ Nghị quyết số 202/2025/QH15.")
    )
    steps = serializers.ListField(child=serializers.JSONField(), help_text=_(
        "Các bước: {kind: merge, from: [id…], into: id | {code, name, kind, parent}}, "
        "{kind: split, from: id, into: [id | {…}, …], children: {id con: id tiếp nhận}}, "
        "{kind: rename, from: id, into: id | {code, name}}, {kind: move, units: [id…], to: id}. "
        "Đơn vị có thể ghi bằng id hoặc mã (kể cả mã của đơn vị mới ở bước trước)."))


class ReorganisationResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, help_text=_("Chỉ khi áp dụng."))
    effective_on = serializers.DateField()
    ended = serializers.ListField(child=serializers.IntegerField())
    created = serializers.ListField(child=serializers.DictField())
    moved = serializers.ListField(child=serializers.DictField())
    memberships = serializers.IntegerField()
    tasks = serializers.IntegerField()
    resolutions = serializers.IntegerField()


class ReorganisationErrorsSerializer(serializers.Serializer):
    errors = serializers.ListField(child=serializers.DictField(), required=False,
                                   help_text="Bad steps: [{step, field, message}]")
    detail = serializers.CharField(required=False, help_text="A body that is not JSON.")


class ReorganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reorganisation
        fields = ["id", "effective_on", "legal_basis", "steps", "applied_at", "applied_by", "reverted_at"]


def _plan_or_400(data):
    try:
        return reorganisation.build_plan(data), None
    except reorganisation.ReorganisationInvalid as exc:
        return None, Response({"errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)


class ReorganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Reorganisations (sáp nhập, chia tách, đổi tên, chuyển đơn vị): list, preview, apply, revert. Admins."""

    serializer_class = ReorganisationSerializer
    permission_classes = [IsAdmin]
    queryset = Reorganisation.objects.filter(status=Reorganisation.Status.APPLIED).order_by("-effective_on", "-applied_at")

    @extend_schema(request=ReorganisationRequestSerializer,
                   responses={201: ReorganisationResultSerializer, 400: ReorganisationErrorsSerializer})
    def create(self, request):
        """Apply a reorganisation in one transaction (API.md "Reorganisation")."""
        plan, error = _plan_or_400(request.data)
        if error:
            return error
        reorg = reorganisation.apply(plan, request.user)
        return Response(reorganisation.public_result(reorg), status=status.HTTP_201_CREATED)

    @extend_schema(request=ReorganisationRequestSerializer,
                   responses={200: ReorganisationResultSerializer, 400: ReorganisationErrorsSerializer})
    @action(detail=False, methods=["post"])
    def preview(self, request):
        """What applying would do; nothing is saved."""
        plan, error = _plan_or_400(request.data)
        if error:
            return error
        result = reorganisation.preview(plan)
        result.pop("details", None)
        return Response(result)

    @extend_schema(request=None, responses={200: ReorganisationSerializer})
    @action(detail=True, methods=["post"])
    def revert(self, request, pk=None):
        """Undo a reorganisation while no figure exists for a period ending on or after its date (else 409)."""
        reorg = self.get_object()
        try:
            reorg = reorganisation.revert(reorg, request.user)
        except reorganisation.RevertRefused as exc:
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        return Response(ReorganisationSerializer(reorg).data)
