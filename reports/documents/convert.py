"""PDF of a report: LibreOffice converts the workbook or the Word document, in the worker.

`soffice --headless --convert-to pdf` with a user profile of its own for each
conversion (`-env:UserInstallation`), so concurrent conversions never share a
profile lock; in a session of its own, so a conversion past SOFFICE_TIMEOUT
is ended with all its processes (soffice starts soffice.bin). Where the
binary is absent, `pdf_available()` is False: the page hides the choice and
the request is refused (reports.runs.kinds.clean_format).
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

PDF_CONTENT_TYPE = "application/pdf"


class ConversionError(Exception):
    """LibreOffice did not produce the PDF; the message is Vietnamese."""


def soffice_path():
    return shutil.which(settings.SOFFICE_BINARY)


def pdf_available():
    """Can this server convert to PDF (is LibreOffice installed)?"""
    return soffice_path() is not None


def to_pdf(source, target):
    """Convert the file at `source` (.xlsx, .docx) to a PDF written at `target`. Raises ConversionError."""
    binary = soffice_path()
    if binary is None:
        raise ConversionError(_("Máy chủ chưa cài LibreOffice nên không chuyển được báo cáo sang PDF."))
    profile = tempfile.mkdtemp(prefix="soffice-profile-")
    outdir = tempfile.mkdtemp(prefix="soffice-out-")
    try:
        command = [binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", outdir, str(source)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _out, err = process.communicate(timeout=settings.SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionError(
                _("LibreOffice không chuyển xong sang PDF trong %(n)s giây.") % {"n": settings.SOFFICE_TIMEOUT}
            ) from None
        produced = Path(outdir) / (Path(source).stem + ".pdf")
        if process.returncode != 0 or not produced.exists():
            detail = err.decode(errors="replace").strip()[-300:]
            raise ConversionError(_("LibreOffice không chuyển được báo cáo sang PDF (mã %(code)s). %(detail)s")
                                  % {"code": process.returncode, "detail": detail})
        shutil.move(str(produced), str(target))
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(outdir, ignore_errors=True)
    return target
