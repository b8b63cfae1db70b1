"""The file a report is saved as: "BaoCao_09-NQ-TU_Quy-III-2024.xlsx", ASCII and meaningful."""

import re
import unicodedata

from reports.models import ReportKind


def ascii_slug(text):
    """ "Quý III/2024" -> "Quy-III-2024": safe in every file system and HTTP header."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return text[:80] or "bao-cao"


EXTENSIONS = {"xlsx": ".xlsx", "docx": ".docx", "pdf": ".pdf"}


def file_name(kind, resolution=None, period=None, unit=None, year=None, fmt="xlsx"):
    """ "BaoCao_09-NQ-TU_Quy-III-2024.xlsx" and the like: ASCII, no slash, meaningful."""
    parts = {
        ReportKind.PROGRESS: ["BaoCao"],
        ReportKind.UNIT_SCORECARD: ["ChiTieuDonVi"],
        ReportKind.COMPLETENESS: ["TinhHinhGuiBaoCao"],
        ReportKind.TASKS: ["NhiemVu"],
        ReportKind.NARRATIVE: ["BaoCaoThuyetMinh"],
    }[kind]
    if resolution is not None:
        parts.append(ascii_slug(resolution.code))
    if unit is not None and kind in (ReportKind.UNIT_SCORECARD, ReportKind.COMPLETENESS):
        parts.append(ascii_slug(unit.code))
    if kind == ReportKind.UNIT_SCORECARD and year:
        parts.append(f"Nam-{year}")
    elif period is not None:
        parts.append(ascii_slug(period.label))
    return "_".join(parts) + EXTENSIONS[fmt]
