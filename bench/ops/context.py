"""The objects every operation needs, looked up once, and a logged-in client."""


class Context:
    """The objects every operation needs, looked up once."""

    def __init__(self, size):
        from django.contrib.auth import get_user_model
        from django.db.models import Max

        from bench import synthetic
        from indicators.models import Indicator, Measure, Period, Submission, SubmissionStatus
        from resolutions.models import Resolution
        from units.models import ReportingUnit, UnitKind

        self.size = size
        units = synthetic.synthetic_units()
        self.province = ReportingUnit.objects.get(code=synthetic.CODE)
        self.doc = Resolution.objects.get(owner_unit=self.province, code=synthetic.DOCUMENTS[0].code)
        last_end = Submission.objects.filter(unit__in=units).aggregate(m=Max("period__end"))["m"]
        self.period = Period.objects.get(kind="quarter", end=last_end)
        User = get_user_model()
        self.supervisor = User.objects.get(username=f"{synthetic.USER_PREFIX}giamsat")
        self.admin = User.objects.get(username=f"{synthetic.USER_PREFIX}quantri")
        self.office = units.filter(kind=UnitKind.DISTRICT_OFFICE).order_by("code").first()
        self.office_entry = User.objects.get(
            username=f"{synthetic.USER_PREFIX}nhaplieu."
            f"{self.office.code.removeprefix(synthetic.CODE + '.').lower()}"
        )
        schools = units.filter(kind=UnitKind.SCHOOL, parent=self.office).order_by("code")
        draft = Submission.objects.filter(unit__in=schools, period=self.period, status=SubmissionStatus.DRAFT)
        self.school = draft.first().unit if draft.exists() else schools.first()
        self.ranking_indicator = (
            Indicator.objects.filter(resolution=self.doc, measure=Measure.PERCENT)
            .applicable_to_kind(UnitKind.SCHOOL)
            .order_by("order")
            .first()
        )
        self.password = synthetic.PASSWORD
        self.n_units = units.count()


def client_for(user):
    """A test Client logged in as `user` (no password check: the page's time, not the login's)."""
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c
