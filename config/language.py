"""The language of a request: Vietnamese unless the person chose English with the switch in the header.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an English Chromium on an office
PC would get English pages nobody asked for. Here only the choice made with the switch counts (the cookie
written by `django.views.i18n.set_language`); everyone else, API clients included, gets LANGUAGE_CODE.
Official documents (workbooks, Word and PDF reports, the templates people fill) are Vietnamese whatever
the page's language: their writers are decorated with `in_vietnamese`.
"""

import functools

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request):
    """The language code for `request`: the switch's cookie when it names a language we offer, else the default."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Activate the chosen language for the request; the answer says which (Content-Language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = chosen_language(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", code)
        return response


DOCUMENT_LANGUAGE = "vi"


def in_vietnamese(writer):
    """Decorate a function that writes a document: its words (status words, period labels…) are Vietnamese.

    A report an office signs, or a workbook a unit fills in and uploads back, is a Vietnamese record, even
    when the person who asked for it reads the pages in English.
    """

    @functools.wraps(writer)
    def wrapper(*args, **kwargs):
        with translation.override(DOCUMENT_LANGUAGE):
            return writer(*args, **kwargs)

    return wrapper


class Words(dict):
    """{key: word marked with gettext_lazy} (e.g. `Words(UnitKind.choices)`): reading a word (`[key]`,
    `.get`, `.items()`, `.values()`) gives a plain str in the active language, which a workbook cell or JSON
    takes as it is (a lazy one they refuse). `dict(words)` copies the marked words themselves.

    The words are translated once per language, not at every read: a province's workbook reads a status
    word for each of its thousands of rows. A Words is a constant: never changed after it is built.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._by_language = {}

    def _plain(self):
        language = translation.get_language()
        words = self._by_language.get(language)
        if words is None:
            words = self._by_language[language] = {key: str(word) for key, word in dict.items(self)}
        return words

    def __getitem__(self, key):
        return self._plain()[key]

    def get(self, key, default=None):
        return self._plain().get(key, default)

    def values(self):
        return list(self._plain().values())

    def items(self):
        return list(self._plain().items())
