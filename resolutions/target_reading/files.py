"""Text from an uploaded .docx (python-docx) or a text-layer PDF (pypdf), with Vietnamese refusals.

Size and kind are checked by `indicators.services.check_evidence_file` (the
project's one check of an uploaded document: extension, 10 MB, first bytes),
then the file is opened by its library; a file that is not what it says, or
a scanned PDF without a text layer, is refused with a message naming it.
"""

import zipfile

from django.utils.translation import gettext as _

from indicators.rules import FigureError
from indicators.services import check_evidence_file


class UnreadableFile(ValueError):
    """The upload cannot be read as a resolution's text (the message says why, in Vietnamese)."""


TEXT_KINDS = (".docx", ".pdf")


def text_from_upload(uploaded):
    """The text of an uploaded .docx or .pdf; raises UnreadableFile with a Vietnamese message."""
    name = uploaded.name or ""
    if not name.lower().endswith(TEXT_KINDS):
        raise UnreadableFile(_("Tệp “%(name)s”: chỉ đọc được văn bản Word (.docx) hoặc PDF có lớp chữ (.pdf).")
                             % {"name": name})
    try:
        ext = check_evidence_file(uploaded)
    except FigureError as exc:
        raise UnreadableFile(exc.message) from None
    uploaded.seek(0)
    return docx_text(uploaded, name) if ext == ".docx" else pdf_text(uploaded, name)


def docx_text(fileobj, name="tệp"):
    """Paragraphs and table cells of a .docx, in document order (one line each)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(fileobj)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UnreadableFile(_("Tệp “%(name)s” không phải văn bản Word .docx hợp lệ (có thể là .doc đổi tên hoặc tệp "
                               "hỏng). Hãy mở bằng Word và lưu lại dưới dạng .docx.") % {"name": name}) from None
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iter():
                        if cell.tag.endswith("}tc"):
                            cells.append("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")).strip())
                    lines.append(" ".join(c for c in cells if c))
    text = "\n".join(lines).strip()
    if not text:
        raise UnreadableFile(_("Tệp “%(name)s” không có nội dung chữ.") % {"name": name})
    return text


def pdf_text(fileobj, name="tệp"):
    """The text layer of a PDF; a scan without one is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(fileobj)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError, TypeError):
        raise UnreadableFile(_("Tệp “%(name)s” không phải tệp PDF đọc được (tệp hỏng hoặc có mật khẩu).")
                             % {"name": name}) from None
    text = "\n".join(pages).strip()
    if not text:
        raise UnreadableFile(_("Tệp PDF “%(name)s” không có lớp chữ (là bản quét ảnh): hãy dùng bản PDF xuất từ Word, "
                               "tệp .docx, hoặc dán nội dung vào ô văn bản.") % {"name": name})
    return text
