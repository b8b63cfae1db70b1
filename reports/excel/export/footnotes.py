"""The "minh họa" footnotes of a sheet (`Footnotes`): the reason an invented target or task is marked."""

from .cells import safe_text

ILLUSTRATIVE_MARK = "minh họa"


class Footnotes:
    """The "minh họa" marks of one sheet: invented targets and tasks are never written as fact.

    `mark(reason)` gives the cell's mark, "minh họa (1)", numbering each
    distinct reason once; `write(sheet)` lists the reasons under the table.
    """

    def __init__(self):
        self.reasons = {}

    def mark(self, reason):
        if not reason:
            return ""
        n = self.reasons.setdefault(reason, len(self.reasons) + 1)
        return f"{ILLUSTRATIVE_MARK} ({n})"

    def append_to(self, text, reason):
        """`text` with the mark after it ("đạt 90% – minh họa (1)"), or unchanged for a stated target."""
        mark = self.mark(reason)
        return f"{text} – {mark}" if mark and text else (mark or text)

    def write(self, sheet, **kw):
        for reason, n in self.reasons.items():
            sheet.line(safe_text(f"“{ILLUSTRATIVE_MARK} ({n})”: {reason}"), italic=True, size=10, **kw)
