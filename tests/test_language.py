"""Vietnamese unless the person chose English with the header's switch (config/language.py)."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_vietnamese(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    text = page.content.decode()
    assert page["Content-Language"] == "vi" and '<html lang="vi">' in text
    assert "Đăng nhập" in text and 'value="en"' in text  # the switch offers English


def test_the_switch_turns_the_pages_english_and_back(client):
    answer = client.post(reverse("set-language"), {"language": "en", "next": reverse("login")})
    assert answer.status_code == 302 and answer["Location"] == reverse("login")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    text = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in text and "Sign in" in text and "Đăng nhập" not in text
    assert 'lang="vi">Tiếng Việt</button>' in text  # the way back, named in Vietnamese
    client.post(reverse("set-language"), {"language": "vi", "next": reverse("login")})
    assert "Đăng nhập" in client.get(reverse("login")).content.decode()


def test_an_unknown_language_in_the_cookie_is_ignored(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(reverse("login"))["Content-Language"] == "vi"


def test_the_switch_never_sends_anyone_to_another_site(client):
    answer = client.post(reverse("set-language"), {"language": "en", "next": "https://example.com/"})
    assert answer.status_code == 302 and "example.com" not in answer["Location"]


def test_english_pages_keep_vietnamese_numbers_and_dates():
    from django.utils import formats, translation

    with translation.override("en"):
        assert formats.number_format(1937.5, 2, use_l10n=True, force_grouping=True) == "1.937,50"
        assert formats.date_format(__import__("datetime").date(2023, 9, 12), "SHORT_DATE_FORMAT") == "12/09/2023"


def test_api_errors_follow_the_catalogues(client, personas):
    from tests.api_helpers import client_for

    api = client_for(personas["admin"])
    answer = api.post("/api/v1/values/", "{broken", content_type="application/json")
    assert answer.status_code == 400 and answer.json()["detail"].startswith("Lỗi cú pháp JSON:")


def test_a_task_runs_in_the_sites_language_even_from_an_english_request():
    """What a job stores (notifications, errors) is Vietnamese, run by the worker or eagerly in a request."""
    from celery import shared_task
    from django.utils import translation

    @shared_task(name="tests.language_of_a_task")
    def language_of_a_task():
        return translation.get_language()

    with translation.override("en"):
        assert language_of_a_task.apply().get() == "vi"
        assert translation.get_language() == "en"  # the request's own language is given back
