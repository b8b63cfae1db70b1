"""Values and milestone years in a sentence.

Values: percentages ("96%", "22,22%", "8% - 10%" → its lower bound) and
counts of things ("ít nhất 3 đô thị", "có 06 huyện") when a target word stands
before them. Years: "đến năm 2025", "đến hết năm 2025", "năm 2022", "vào
2030", "giai đoạn 2019 - 2020" (its end) — never a date ("ngày 12 tháng 5 năm
2022", "03/6/2020") nor a document number ("749/QĐ-TTg").
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_F = re.IGNORECASE

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
PERCENT_RE = re.compile(
    rf"(?<![\w/.,])(?:từ\s+)?(?P<num>{NUMBER})\s*%?(?:\s*(?:-|–|đến)\s*(?P<hi>{NUMBER}))?\s*%(?!\w)", _F
)
COUNT_NOUNS = (
    r"máy(?:\s+tính)?|hồ\s+sơ|doanh\s+nghiệp|sản\s+phẩm|dịch\s+vụ|nền\s+tảng|cơ\s+sở\s+dữ\s+liệu|huyện|xã|"
    r"đô\s+thị|trạm|điểm|người|lượt|tài\s+khoản|thôn|camera|ứng\s+dụng|hệ\s+thống|mô\s+hình|tổ"
)
COUNT_RE = re.compile(rf"(?<![\w/.,%])(?P<num>{NUMBER})\s+(?P<noun>{COUNT_NOUNS})\b", _F)
COUNT_CUE = re.compile(
    r"(?:\bcó|\bđạt|ít\s+nhất|tối\s+thiểu|\btrên|\bhơn|không\s+quá|tối\s+đa|phấn\s+đấu|xây\s+dựng|triển\s+khai"
    r"|hình\s+thành|thu\s+hút|cung\s+cấp|đào\s+tạo)(?:\s+(?:mức|là|thêm|được))?\s*$",
    _F,
)
AND_BEFORE = re.compile(r"(?:\bvà|,)\s*$", _F)

YEAR_RE = re.compile(
    r"(?P<range>giai\s+đoạn\s+(?:20\d\d)\s*(?:-|–|đến)\s*(?P<end>20\d\d))"
    r"|(?P<lead>(?:(?:đến|tới|vào|trong|trước|sau)\s+)?(?:(?:hết|cuối|đầu|giữa)\s+)?năm|(?:đến|tới|vào|trước)"
    r"(?:\s+(?:hết|cuối))?)\s+(?P<year>20\d\d)(?![\d/])",
    _F,
)
_DATE_BEFORE = re.compile(r"tháng\s+\d{1,2}\s+$|\d{1,2}/\d{1,2}/\s*$|năm\s+học\s+$", _F)
_VISION_BEFORE = re.compile(r"(?:định\s+hướng|tầm\s+nhìn)\s+$", _F)


@dataclass
class Value:
    start: int  # of the number (or "từ")
    end: int  # after "%" or the noun
    value: Decimal
    kind: str  # "percent" | "count"
    noun: str = ""


@dataclass
class Year:
    start: int
    end: int
    year: int
    vision: bool = False  # "định hướng đến năm 2030", "tầm nhìn đến năm 2030"


def parse_number(text):
    """A Vietnamese number: "22,22" → 22.22, "1.937" → 1937, "7.5" → 7.5; None if not a number."""
    text = (text or "").strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def find_values(text):
    """Percent and count values in `text` (already masked for parentheses), in order."""
    values = []
    for m in PERCENT_RE.finditer(text):
        number = parse_number(m.group("num"))
        if number is None or number > 100:
            continue
        values.append(Value(m.start("num") if not m.group(0).lower().startswith("từ") else m.start(), m.end(),
                            number, "percent"))
    taken = [(v.start, v.end) for v in values]
    counts = []
    for m in COUNT_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        before = text[:m.start()]
        if text[m.end():m.end() + 1] == "/" or before.endswith("/"):
            continue
        if not (COUNT_CUE.search(before) or (counts and AND_BEFORE.search(before)
                                              and m.start() - counts[-1].end < 40)):
            continue
        number = parse_number(m.group("num"))
        if number is None or number == 0:
            continue
        counts.append(Value(m.start(), m.end(), number, "count", re.sub(r"\s+", " ", m.group("noun")).lower()))
    return sorted(values + counts, key=lambda v: v.start)


def find_years(text):
    """Milestone years in `text`, in order (dates and document numbers are not years)."""
    out = []
    for m in YEAR_RE.finditer(text):
        if m.group("range"):
            out.append(Year(m.start(), m.end(), int(m.group("end"))))
            continue
        before = text[:m.start()]
        if _DATE_BEFORE.search(before):
            continue
        out.append(Year(m.start(), m.end(), int(m.group("year")), vision=bool(_VISION_BEFORE.search(before))))
    return out
