"""The official frame of a report sheet (reports.documents.layout.Document) written as rows.

Agency and national motto, number, place and date, "BÁO CÁO" and the trích yếu
at the top; the signature block beside "Nơi nhận" at the bottom; or, for a
table sent with a report, the annex lines.
"""

from .cells import safe_text


class FrameMixin:
    """The frame's rows of a `Sheet` (reports.excel.export.sheet): written through its line, append and merge."""

    def _halves(self):
        """(last column of the left block, first column of the right block) of the heading and signature."""
        n = self.ncols
        split = max(2, n * 2 // 5)
        return split, (split + 2 if n - split >= 4 else split + 1)

    def two_blocks(self, left, right, height=None):
        """Rows of a left block and a right block side by side: [(text, style)] each, merged across their columns."""
        split, right_col = self._halves()
        for i in range(max(len(left), len(right))):
            ltext, lkw = left[i] if i < len(left) else ("", {})
            rtext, rkw = right[i] if i < len(right) else ("", {})
            cells = [self.frame_text(ltext, align="center", border=False, **lkw)] + [None] * (right_col - 2)
            cells.append(self.frame_text(rtext, align="center", border=False, **rkw))
            self.append(cells, height)
            self.merge(1, split)
            self.merge(right_col, self.ncols)

    def heading(self, doc):
        """The top of the document: agency and motto, number and place-date, "BÁO CÁO" and the trích yếu.

        A table sent with a report (doc.annex) carries the annex lines instead:
        "Phụ lục", its title, "(Kèm theo Báo cáo số … ngày … của …)".
        """
        if doc.annex:
            self.line(doc.annex_label, bold=True, size=13, align="center", height=20)
            self.line(doc.subject.upper(), bold=True, size=13, align="center")
            self.line(safe_text(doc.annex_line), italic=True, size=12, align="center")
            if doc.subtitle:
                self.line(safe_text(doc.subtitle), italic=True, size=11, align="center")
            self.blank()
            return
        left = []
        if doc.governing_body:
            left.append((doc.governing_body, dict(size=12)))
        left += [(line, dict(bold=True, size=12)) for line in doc.official_lines]
        if doc.is_party:
            left.append(("*", dict(size=12)))
            right = [(doc.motto[0], dict(bold=True, size=13, underline="single"))]
        else:
            right = [
                (doc.motto[0], dict(bold=True, size=12)),
                (doc.motto[1], dict(bold=True, size=13, underline="single")),
            ]
        self.two_blocks(left, right, 18)
        self.two_blocks(
            [(doc.number_text, dict(size=12))], [(doc.place_date, dict(italic=True, size=12))], 18
        )
        self.blank()
        self.line(doc.kind_title, bold=True, size=14, align="center", height=20)
        self.line(safe_text(doc.subject), bold=True, size=13, align="center")
        if doc.subtitle:
            self.line(safe_text(doc.subtitle), italic=True, size=11, align="center")

    def closing(self, doc):
        """The signature block (authority, title, room to sign, name) beside "Nơi nhận" (none for an annex).

        Returns the first row of the block.
        """
        self.blank()
        first = self.row
        if doc.annex:
            return first
        left = [
            (
                doc.recipients_heading,
                dict(
                    bold=not doc.is_party,
                    italic=not doc.is_party,
                    size=12,
                    underline="single" if doc.is_party else None,
                    align="left",
                ),
            )
        ]
        left += [(line, dict(size=11, align="left")) for line in doc.recipient_lines]
        right = [(line, dict(bold=True, size=12)) for line in doc.authority_lines]
        right.append((doc.signer_title, dict(bold=True, size=12)))
        right += [("", {})] * 3  # room for the signature and the seal
        right.append((doc.signer_name, dict(bold=True, size=12)))
        split, right_col = self._halves()
        for i in range(max(len(left), len(right))):
            ltext, lkw = left[i] if i < len(left) else ("", {})
            rtext, rkw = right[i] if i < len(right) else ("", {})
            lkw = {"align": "center", **lkw}
            cells = [self.frame_text(ltext, border=False, wrap=False, **lkw)] + [None] * (right_col - 2)
            cells.append(self.frame_text(rtext, align="center", border=False, **rkw))
            self.append(cells, 17)
            self.merge(1, split)
            self.merge(right_col, self.ncols)
        return first


def heading_rows(doc):
    """How many rows Sheet.heading writes for `doc` (to freeze the panes before writing them)."""
    if doc.annex:
        return 4 + (1 if doc.subtitle else 0)
    left = (1 if doc.governing_body else 0) + len(doc.official_lines) + (1 if doc.is_party else 0)
    return max(left, 1 if doc.is_party else 2) + 1 + 1 + 2 + (1 if doc.subtitle else 0)
