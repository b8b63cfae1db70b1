"""English, chosen with the header's switch, is complete on every page (and fits a phone); Vietnamese stays
the default.

The walk is the one of test_every_page_fits (tests/e2e/demo_pages.py) on the demo data. On each page the
visible text (and placeholders, titles, labels for screen readers) must hold no Vietnamese word but the
data's: the names of units, indicators and resolutions, the demo's findings... are Vietnamese records,
so every text value of the database is taken out of the page before looking for Vietnamese. Elements
marked `lang="vi"` are Vietnamese on purpose (the switch's own "Tiếng Việt", the "CĐS" mark).
"""

import os
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import override_settings

from resolutions.demo.loader import load_demo
from tests.e2e.demo_pages import demo_pages, fits, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIETNAMESE = re.compile(
    r"\S*[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]\S*", re.IGNORECASE
)
# What the page shows, minus elements that are Vietnamese on purpose (lang="vi") and hidden ones.
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('[lang="vi"], script, style, template')) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    out.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], input[type=submit][value]')) {
    if (el.closest('[lang="vi"]')) continue;
    for (const a of ['placeholder', 'title', 'aria-label', 'value']) {
      if (a === 'value' && el.type !== 'submit') continue;
      if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
  }
  out.push(document.title);
  return out;
}"""


def data_texts():
    """Every text value in the database that holds a Vietnamese letter (and every person's name), lowercase,
    longest first."""
    found = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        for row in model.objects.values_list(*fields) if fields else ():
            for value in row:
                if isinstance(value, str) and VIETNAMESE.search(value):
                    # A short value ("Có", "Đạt") would hide the same word left untranslated in the page.
                    found.update(line.strip().lower() for line in value.splitlines() if len(line.strip()) > 4)
    found.update(user.get_full_name().lower() for user in get_user_model().objects.all() if user.get_full_name())
    return sorted(found, key=len, reverse=True)


def vietnamese_left(texts, data):
    """The Vietnamese words of `texts` once every data value is taken out (in any case: pages lowercase names)."""
    text = "\n".join(t for t in texts if VIETNAMESE.search(t)).lower()
    for value in data:
        if value in text:
            text = text.replace(value, " ¤ ")
    return VIETNAMESE.findall(text)


def english(page, base):
    """Choose English with the header's switch (the browser already asks for English: that alone is not enough)."""
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_every_page_reads_in_english_once_chosen_and_vietnamese_by_default(browser, live_server, eager_celery):
    load_demo(stdout=open(os.devnull, "w"))
    data = data_texts()
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    base = live_server.url
    try:
        page.goto(f"{base}/dang-nhap/")
        assert page.locator("html").get_attribute("lang") == "vi"  # an English browser still gets Vietnamese
        assert "Đăng nhập" in page.inner_text("body")
        english(page, base)
        assert page.locator("html").get_attribute("lang") == "en"
        problems = {}
        for name, texts in (("login", page.evaluate(VISIBLE_TEXT)),):
            problems[name] = vietnamese_left(texts, data)
        for username, pages in demo_pages():
            sign_in(page, base, username)  # clears the cookies: choose English again
            english(page, base)
            for name, path in pages.items():
                page.set_viewport_size({"width": 1366, "height": 900})
                response = page.goto(f"{base}{path}")
                assert response.status < 500, f"{name}: {response.status}"
                problems[name] = vietnamese_left(page.evaluate(VISIBLE_TEXT), data)
                page.set_viewport_size({"width": 390, "height": 844})  # English words are longer: still no sideways scroll
                page.wait_for_timeout(50)
                ok, width = fits(page)
                if not ok:
                    problems[name].append(f"{width} px wide at 390 px")
        problems = {name: sorted(set(words))[:15] for name, words in problems.items() if words}
        assert problems == {}, "\n".join(f"{name}: {words}" for name, words in problems.items())
    finally:
        context.close()
