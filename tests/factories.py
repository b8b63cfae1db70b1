"""factory-boy factories shared by every test suite."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from indicators.models import DataValue, Indicator, Measure, Period, Submission, SubmissionStatus, Target
from resolutions.models import Finding, Pillar, Resolution, Supervision, Task, Visit
from units.models import DocumentRegime, IssuingProfile, Membership, ReportingUnit, UnitKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn"
    last_name = factory.Sequence(lambda n: f"Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.django.Password("matkhau-demo-123")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingUnit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = UnitKind.SCHOOL
    parent = None
    valid_from = dt.date(2015, 1, 1)


class IssuingProfileFactory(factory.django.DjangoModelFactory):
    """A Sở's heading and signature in the state layout (NĐ 30/2020)."""

    class Meta:
        model = IssuingProfile

    unit = factory.SubFactory(UnitFactory)
    regime = DocumentRegime.STATE
    governing_body = "UBND TỈNH QUẢNG TRỊ"
    official_name = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    short_name = "Sở Giáo dục và Đào tạo tỉnh Quảng Trị"
    place_name = "Quảng Trị"
    number_suffix = "/BC-SGDĐT"
    authority = "KT. GIÁM ĐỐC"
    signer_title = "PHÓ GIÁM ĐỐC"
    signer_name = "Nguyễn Thị R"
    recipients = "UBND tỉnh (để báo cáo);\nLưu: VT, VP."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = "entry"


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    code = factory.Sequence(lambda n: f"{n:02d}-NQ/TU")
    kind = "resolution"
    title = "Về chuyển đổi số"
    issuer = "Ban Thường vụ Tỉnh ủy"
    issued_on = dt.date(2021, 11, 29)
    start_year = 2021
    end_year = 2025
    vision_year = 2030


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar
        django_get_or_create = ("code",)

    code = "chinh_quyen_so"
    name = "Chính quyền số"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    resolution = factory.SubFactory(ResolutionFactory)
    code = factory.Sequence(lambda n: f"CT{n}")
    name = factory.Sequence(lambda n: f"Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng {n}")
    measure = Measure.PERCENT
    numerator_label = "Số hồ sơ xử lý trên môi trường mạng"
    denominator_label = "Tổng số hồ sơ công việc"
    unit_label = "%"
    applies_to = [UnitKind.SCHOOL, UnitKind.DEPARTMENT, UnitKind.DISTRICT_OFFICE]


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    operator = "gte"
    value = Decimal("95")
    year = 2025


class PeriodFactory(factory.django.DjangoModelFactory):
    """Use PeriodFactory(code="2024-Q3"); window and deadline follow the decree."""

    class Meta:
        model = Period
        django_get_or_create = ("kind", "year", "number")

    class Params:
        code = "2024-Q3"

    kind = factory.LazyAttribute(lambda o: Period.build(o.code).kind)
    year = factory.LazyAttribute(lambda o: Period.build(o.code).year)
    number = factory.LazyAttribute(lambda o: Period.build(o.code).number)
    start = factory.LazyAttribute(lambda o: Period.build(o.code).start)
    end = factory.LazyAttribute(lambda o: Period.build(o.code).end)
    deadline = factory.LazyAttribute(lambda o: Period.build(o.code).deadline)


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission
        django_get_or_create = ("unit", "period")

    unit = factory.SubFactory(UnitFactory)
    period = factory.SubFactory(PeriodFactory)
    status = SubmissionStatus.SUBMITTED


class DataValueFactory(factory.django.DjangoModelFactory):
    """A value whose `value` is derived by the rules, as every write path does."""

    class Meta:
        model = DataValue

    unit = factory.SubFactory(UnitFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.SubFactory(PeriodFactory)
    numerator = Decimal("1")
    denominator = Decimal("2")

    @factory.lazy_attribute
    def value(self):
        from indicators.rules import compute_value

        return compute_value(self.indicator.measure, self.numerator, self.denominator)


class SupervisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supervision

    decision_ref = factory.Sequence(lambda n: f"{1500 + n}-QĐ/TU")
    title = "Giám sát việc thực hiện nghị quyết về chuyển đổi số"
    chair = "Phó Chủ tịch UBND tỉnh"


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    supervision = factory.SubFactory(SupervisionFactory)
    unit = factory.SubFactory(UnitFactory, kind=UnitKind.DEPARTMENT)
    date = dt.date(2023, 9, 12)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    visit = factory.SubFactory(VisitFactory)
    kind = "limitation"
    text = "Dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    resolution = factory.SubFactory(ResolutionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Nhiệm vụ phát triển chính quyền số"
