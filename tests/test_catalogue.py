"""The English catalogue is complete, and checking it never rewrites it (config/catalogue.py)."""

import shutil

import pytest

from config import catalogue

pytestmark = pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")


def test_every_marked_text_has_its_english_and_the_check_leaves_the_catalogue_alone():
    committed = catalogue.LOCALE / "en" / "LC_MESSAGES" / "django.po"
    before = committed.read_bytes()
    assert catalogue.problems() == []
    assert committed.read_bytes() == before
    assert not (catalogue.ROOT / ".catalogue-check").exists()


def test_a_text_marked_without_english_is_named():
    page = catalogue.ROOT / "templates" / "_catalogue_probe.html"
    page.write_text('{% load i18n %}{% translate "Một câu chưa có tiếng Anh" %}', encoding="utf-8")
    try:
        assert catalogue.problems() == ["not in the catalogue: 'Một câu chưa có tiếng Anh'"]
    finally:
        page.unlink()
