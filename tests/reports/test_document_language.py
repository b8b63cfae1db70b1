"""Documents are Vietnamese records whatever the language of the page that asked for them."""

import io

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook


def _cells(content):
    wb = load_workbook(io.BytesIO(content))
    return {str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}


def test_the_import_template_is_vietnamese_for_a_reader_of_english_pages(client, import_indicators):
    client.force_login(import_indicators["user_a"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("import-excel")).content.decode()
    assert "Import figures from Excel" in page  # the page is English …
    answer = client.get(reverse("import-template"), {"unit": import_indicators["dept_a"].pk,
                                                     "period": import_indicators["period"].pk})
    cells = _cells(answer.content)
    assert answer.status_code == 200
    assert any("Quý III/2024" in c for c in cells)  # … the workbook is Vietnamese: period labels,
    assert not any("Q3/2024" in c for c in cells)
    assert not any(w in c for c in cells for w in ("Numerator", "Denominator", "Reporting period"))


def test_a_report_asked_for_in_english_is_written_in_vietnamese(client, import_indicators, eager_celery,
                                                                django_capture_on_commit_callbacks):
    from reports.models import ReportRun

    client.force_login(import_indicators["admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("report-runs"), {"kind": "completeness",
                                                      "period": import_indicators["period"].pk, "format": "xlsx"})
    assert answer.status_code in (200, 302)
    run = ReportRun.objects.get()
    assert run.status == "done", run.error
    cells = _cells(run.file.read())
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in c for c in cells)
    assert any("QUÝ III/2024" in c.upper() for c in cells)
    assert not any("Q3/2024" in c or "Not sent" in c for c in cells)
