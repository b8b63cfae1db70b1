"""The Django admin (quản trị) as a whole: every model registered and its pages open, forms save back
unchanged, access and language. Each app's own admin rules are tested beside the app."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import DataValue, Evidence, Indicator, Period, Submission, Target
from reports.models import ReportRun
from resolutions.models import Finding, Pillar, Resolution, Supervision, Task, Visit
from tests.helpers import admin_url
from units.models import Membership, ReportingUnit, UnitSuccession

pytestmark = pytest.mark.usefixtures("admin_pages_settings")


User = get_user_model()


OUR_MODELS = [
    ReportingUnit,
    UnitSuccession,
    Membership,
    Resolution,
    Pillar,
    Supervision,
    Visit,
    Finding,
    Task,
    Indicator,
    Target,
    Period,
    DataValue,
    Evidence,
    Submission,
    ReportRun,
]


HISTORY_MODELS = [ReportingUnit, Task, Indicator, Target, Period, DataValue, Submission]


READ_ONLY_MODELS = [ReportRun]


def test_every_model_is_registered_with_history_where_it_has_one():
    for model in OUR_MODELS:
        assert admin.site.is_registered(model), model
    for model in HISTORY_MODELS:
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model
    user_admin = admin.site._registry[User]
    assert any(inline.model is Membership for inline in user_admin.inlines)


@pytest.mark.parametrize("model", OUR_MODELS + [User], ids=lambda m: m._meta.label)
def test_admin_opens_changelist_add_and_change_pages(superuser_client, one_of_each, model):
    assert superuser_client.get(admin_url(model, "changelist")).status_code == 200
    expected_add = 403 if model in READ_ONLY_MODELS else 200
    assert superuser_client.get(admin_url(model, "add")).status_code == expected_add
    assert superuser_client.get(admin_url(model, "change", one_of_each[model].pk)).status_code == 200
    if model in HISTORY_MODELS:
        assert superuser_client.get(admin_url(model, "history", one_of_each[model].pk)).status_code == 200


def test_changelists_search_and_filter(superuser_client, one_of_each):
    for model in OUR_MODELS + [User]:
        response = superuser_client.get(admin_url(model, "changelist"), {"q": "Sở"})
        assert response.status_code == 200, model


@pytest.mark.parametrize("who", ["anonymous", "user_a"])
def test_non_staff_is_sent_to_admin_login(client, personas, who):
    if who != "anonymous":
        client.force_login(personas[who])
    for model in (ReportingUnit, DataValue, Period):
        response = client.get(admin_url(model, "changelist"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_admin_index_lists_vietnamese_names(superuser_client, one_of_each):
    html = superuser_client.get(reverse("admin:index")).content.decode()
    for name in (
        "Đơn vị báo cáo",
        "Chỉ tiêu",
        "Kỳ báo cáo",
        "Số liệu",
        "Nhiệm vụ, kiến nghị",
        "Lượt tạo báo cáo",
    ):
        assert name in html


class _FormFields(HTMLParser):
    """The values a browser would submit for the admin's main form."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea, self._in_form = [], None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image"):
                self.data.append((name, a.get("value", "")))
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = name
            self.data.append((name, ""))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.data[-1]
            self.data[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:
                name, value = self.data[-1]
                self.data[-1] = (name, value.removeprefix("\n"))
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def form_data(html):
    parser = _FormFields()
    parser.feed(html)
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    return data


@pytest.mark.parametrize(
    "model", [m for m in OUR_MODELS if m not in READ_ONLY_MODELS] + [User], ids=lambda m: m._meta.label
)
def test_change_form_saves_back_unchanged(superuser_client, one_of_each, model):
    obj = one_of_each[model]
    page = superuser_client.get(admin_url(model, "change", obj.pk))
    data = form_data(page.content.decode())
    data["_save"] = ["Lưu lại"]
    response = superuser_client.post(admin_url(model, "change", obj.pk), data)
    if response.status_code != 302:
        context = response.context
        errors = [context["adminform"].form.errors] + [
            fs.formset.errors for fs in context["inline_admin_formsets"]
        ]
        errors += [fs.formset.non_form_errors() for fs in context["inline_admin_formsets"]]
        pytest.fail(f"{model.__name__} did not save: {errors}")


def test_staff_admin_who_is_not_superuser_manages_the_data(client, personas):
    staff = User.objects.create_user("vanphong", password="x", is_staff=True)
    client.force_login(staff)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Chỉ tiêu" in index or "chỉ tiêu" in index
    assert client.get(reverse("admin:indicators_indicator_changelist")).status_code == 200
    assert client.get(reverse("admin:indicators_indicator_add")).status_code == 200
    assert client.get(reverse("admin:units_membership_changelist")).status_code == 200
    # A non-staff user with memberships still cannot open the admin.
    client.force_login(personas["supervisor"])
    assert client.get(reverse("admin:indicators_indicator_changelist")).status_code == 302


def test_admin_is_vietnamese_even_for_an_english_browser(client, personas):
    client.force_login(personas["admin"])
    page = client.get(reverse("admin:indicators_indicator_add"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Lưu lại" in page and "Save and add another" not in page
