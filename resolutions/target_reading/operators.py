"""Operator phrases → target operators ("trên" gt, "đạt" gte, "không quá" lte …).

The phrase is read in the words right before the value (and "trở lên" /
"trở xuống" right after it). "giảm … xuống dưới 5%" is `lt` with the
indicator's direction `decrease`. A bare "96%" or "đạt 96%" is `gte`.
"""

import re

_F = re.IGNORECASE
_MUC = r"(?:\s+(?:mức|tỷ\s+lệ|là))?\s*$"

# (pattern on the text before the value, operator, decrease?) — first match wins.
BEFORE = [
    (re.compile(r"giảm\b[^;%]{0,120}?\bxuống\s+dưới" + _MUC, _F), "lt", True),
    (re.compile(r"giảm\b[^;%]{0,120}?\bxuống\s+(?:còn\s+)?" + r"(?:mức\s+)?$", _F), "lte", True),
    (re.compile(r"(?:không\s+vượt\s+quá|không\s+quá|tối\s+đa|không\s+cao\s+hơn|không\s+lớn\s+hơn)" + _MUC, _F), "lte",
     False),
    (re.compile(r"(?:không\s+dưới|không\s+thấp\s+hơn|tối\s+thiểu|ít\s+nhất)" + _MUC, _F), "gte", False),
    (re.compile(r"(?:xuống\s+)?dưới" + _MUC, _F), "lt", False),
    (re.compile(r"(?:trên|hơn|vượt|cao\s+hơn|lớn\s+hơn)" + _MUC, _F), "gt", False),
    (re.compile(r"bằng" + _MUC, _F), "eq", False),
    (re.compile(r"(?:≥|>=)\s*$"), "gte", False),
    (re.compile(r"(?:≤|<=)\s*$"), "lte", False),
    (re.compile(r">\s*$"), "gt", False),
    (re.compile(r"<\s*$"), "lt", False),
]
AFTER_UP = re.compile(r"^\s*%?\s*(?:trở\s+lên)", _F)
AFTER_DOWN = re.compile(r"^\s*%?\s*(?:trở\s+xuống)", _F)
DECREASE_RE = re.compile(r"\bgiảm\b", _F)

OPERATOR_WORDS = {"gt": "trên", "gte": "đạt", "eq": "bằng", "lte": "không quá", "lt": "dưới"}


def read_operator(before, after=""):
    """(operator, decrease, length of the phrase before the value) for a value between `before` and `after`."""
    for rx, op, decrease in BEFORE:
        m = rx.search(before)
        if m:
            return op, decrease, len(before) - m.start()
    if AFTER_UP.match(after):
        return "gte", False, 0
    if AFTER_DOWN.match(after):
        return "lte", False, 0
    return "gte", False, 0
