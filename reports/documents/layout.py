"""The frame of a document an office signs: heading, number, place and date, signature, "Nơi nhận", annex line.

One frame for every document the product writes (the Excel workbooks of
`reports.excel.export`, the Word report of `reports.documents.narrative`), in the layout of
Nghị định 30/2020/NĐ-CP (Phụ lục I) for state bodies and of Hướng dẫn
36-HD/VPTW for party bodies (DESIGN.md §6):

- the two-line agency heading (governing body, issuing body) on the left, the
  national motto (or "ĐẢNG CỘNG SẢN VIỆT NAM") on the right;
- "Số: 12/BC-SGDĐT" (state) or "Số 12-BC/ĐU" (party) under the agency, the
  place and date under the motto: "Quảng Trị, ngày 05 tháng 3 năm 2026";
- "BÁO CÁO" and the trích yếu; the signature block (authority TM., KT., Q.,
  TL., TUQ. — T/M, K/T… for the party —, title, name) and "Nơi nhận";
- or, for a table that accompanies a report, the annex lines "Phụ lục … (Kèm
  theo Báo cáo số … ngày … của …)".

Agency and place are those valid on the document's date (units.issuing).
Nothing here computes a figure.
"""

import datetime as dt
from dataclasses import dataclass, field, replace

from django.utils import timezone

from units.issuing import profile_for
from units.models import DocumentRegime

STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY_MOTTO = ("ĐẢNG CỘNG SẢN VIỆT NAM",)
DEFAULT_RECIPIENTS = ("Như trên;", "Lưu: VT.")
BLANK_NUMBER = "      "  # left for the clerk (văn thư) to write the number by hand


def document_date(day):
    """"ngày 05 tháng 3 năm 2026", "ngày 12 tháng 02 năm 2026": the one date rule of documents.

    NĐ 30/2020 (Phụ lục I): a leading zero for days below 10 and for months
    1 and 2 only (so that "tháng 01", "tháng 02" cannot be altered by hand).
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def resolution_ref(resolution):
    """"Nghị quyết số 09-NQ/TU" (as a sentence names it)."""
    return f"{resolution.get_kind_display()} số {resolution.code}"


def issuer_for(resolution=None, scope_unit=None):
    """The unit whose name a report carries: the resolution's owner when the scope covers it, else the scope.

    The body responsible for a resolution reports on it (09-NQ/TU of the
    province: the Tỉnh ủy; the education plan: the Sở); a report on a part of
    it (one Sở, one district) is issued by that part.
    """
    owner = resolution.owner_unit if resolution is not None and resolution.owner_unit_id else None
    if scope_unit is None:
        return owner
    if owner is not None and owner.is_within(scope_unit):
        return owner
    return scope_unit


def regime_for(resolution=None):
    """The party's layout for a report on a party resolution ("-NQ/TU"), the state's otherwise."""
    return DocumentRegime.PARTY if resolution is not None and resolution.is_party_document else DocumentRegime.STATE


@dataclass
class Document:
    """Everything around a report's body, ready to be written into a workbook or a Word file."""

    regime: str
    governing_body: str
    official_lines: list
    issuer_name: str  # as a sentence names the issuer: "Sở Giáo dục và Đào tạo tỉnh Quảng Trị"
    number: str  # the number given ("125"), or "" when the clerk writes it by hand
    number_suffix: str  # "/BC-SGDĐT", "-BC/ĐU"
    place: str
    day: dt.date
    subject: str  # trích yếu: "Kết quả thực hiện các chỉ tiêu Nghị quyết số 09-NQ/TU, Quý III/2024"
    subtitle: str = ""
    kind_title: str = "BÁO CÁO"
    authority_lines: list = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    recipients: list = field(default_factory=lambda: list(DEFAULT_RECIPIENTS))
    annex: bool = False  # the table accompanies the report numbered above: "Phụ lục", no signature of its own
    annex_label: str = "Phụ lục"
    derived: bool = False  # the issuing unit has no profile yet: heading and signer read from the unit tree

    @property
    def is_party(self):
        return self.regime == DocumentRegime.PARTY

    @property
    def motto(self):
        """The right-hand heading: the national motto, or "ĐẢNG CỘNG SẢN VIỆT NAM"."""
        return PARTY_MOTTO if self.is_party else STATE_MOTTO

    @property
    def symbol(self):
        """"125/BC-SGDĐT"; a number typed whole ("125/BC-SGDĐT") is kept as typed; blank for the clerk."""
        number = (self.number or "").strip()
        if number and not number.isdigit():
            return number
        return f"{number or BLANK_NUMBER}{self.number_suffix}"

    @property
    def number_text(self):
        """"Số: 125/BC-SGDĐT" (NĐ 30) or "Số 125-BC/ĐU" (the party's documents)."""
        return f"Số {self.symbol}" if self.is_party else f"Số: {self.symbol}"

    @property
    def date_text(self):
        return document_date(self.day)

    @property
    def place_date(self):
        """"Quảng Trị, ngày 05 tháng 3 năm 2026"."""
        return f"{self.place}, {self.date_text}" if self.place else self.date_text.capitalize()

    @property
    def title(self):
        """The title as one line ("BÁO CÁO kết quả …"), for a sheet's name or a mail subject."""
        return f"{self.kind_title} {self.subject}"

    @property
    def reference(self):
        """"Báo cáo số 125/BC-SGDĐT ngày 05 tháng 3 năm 2026 của Sở Giáo dục và Đào tạo tỉnh Quảng Trị"."""
        number = (self.number or "").strip()
        symbol = self.symbol if number else f"…{self.number_suffix}"
        return f"Báo cáo số {symbol} {self.date_text} của {self.issuer_name}"

    @property
    def annex_line(self):
        """"(Kèm theo Báo cáo số …/BC-SGDĐT ngày 05 tháng 3 năm 2026 của …)"."""
        return f"(Kèm theo {self.reference})"

    @property
    def recipient_lines(self):
        """"- UBND tỉnh (để báo cáo);" … each line with its dash."""
        return [line if line.startswith(("-", "–")) else f"- {line}" for line in self.recipients]

    @property
    def recipients_heading(self):
        return "Nơi nhận:"

    def as_annex(self, label="Phụ lục"):
        """The same document framing a table sent with the report: annex lines instead of heading and signature."""
        return replace(self, annex=True, annex_label=label)


def build_document(subject, unit=None, resolution=None, day=None, subtitle="", overrides=None):
    """The frame of a report on `subject` issued by `unit` (its profile on `day`), with the requester's overrides.

    `overrides` (API.md "Documents", all optional; blank = the profile's): number, place, signer,
    signer_title, authority (lines joined by a line break), recipients (a
    list), date (a date), annex (True: the table is an annex of the report
    numbered `number`). Validated by reports.runs.document_overrides before they reach here.
    """
    overrides = overrides or {}
    day = overrides.get("date") or day or timezone.localdate()
    regime = regime_for(resolution)
    if unit is not None:
        issuer, profile = profile_for(unit, day, regime)
        frame = Document(
            regime=regime,
            governing_body=profile.governing_body,
            official_lines=profile.official_lines,
            issuer_name=profile.short_name or issuer.name,
            number="",
            number_suffix=profile.number_suffix,
            place=profile.place_name,
            day=day,
            subject=subject,
            subtitle=subtitle,
            authority_lines=profile.authority_lines,
            signer_title=profile.signer_title,
            signer_name=profile.signer_name,
            recipients=profile.recipient_lines or list(DEFAULT_RECIPIENTS),
            derived=profile.is_derived,
        )
    else:
        frame = Document(regime=regime, governing_body="", official_lines=["ỦY BAN NHÂN DÂN"],
                         issuer_name="Ủy ban nhân dân", number="", number_suffix="/BC", place="", day=day,
                         subject=subject, subtitle=subtitle, signer_title="THỦ TRƯỞNG ĐƠN VỊ")
    if overrides.get("number"):
        frame.number = overrides["number"].strip()
    if overrides.get("place"):
        frame.place = overrides["place"].strip()
    if overrides.get("signer"):
        frame.signer_name = overrides["signer"].strip()
    if overrides.get("signer_title"):
        frame.signer_title = overrides["signer_title"].strip()
    if overrides.get("authority"):
        frame.authority_lines = [x.strip() for x in overrides["authority"].splitlines() if x.strip()]
    if overrides.get("recipients"):
        frame.recipients = [x.strip() for x in overrides["recipients"] if x.strip()]
    if overrides.get("annex"):
        frame = frame.as_annex()
    return frame
