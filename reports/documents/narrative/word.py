"""The narrative report as a Word document: the frame (heading, signature and "Nơi nhận"), the body, the annex.

Real headings (Word's Heading styles), paragraphs and tables: no text boxes,
no images of text, editable in Word and LibreOffice.
"""

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Cm, Pt

from .annex import write_annex
from .docx_parts import (
    add_paragraph,
    add_rule,
    fix_widths,
    keep_row_together,
    set_font,
    set_up_document,
    underline_paragraph,
)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OFFICE_TEXT_MARK = "[Phần do cơ quan soạn thảo viết: "


HEAD_LEFT_CM, HEAD_RIGHT_CM = 6.8, 9.4


def write_heading(doc, frame):
    """The two-column heading as a borderless Word table: agency and number | motto and place-date."""
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fix_widths(table, (HEAD_LEFT_CM, HEAD_RIGHT_CM))
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    if frame.governing_body:
        add_paragraph(left, frame.governing_body, size=12)
    for line in frame.official_lines:
        add_paragraph(left, line, size=12, bold=True)
    if frame.is_party:
        add_paragraph(left, "*", size=12)
        add_paragraph(right, frame.motto[0], size=15, bold=True)
        add_rule(right, 7.5, HEAD_RIGHT_CM)
    else:
        add_rule(left, 2.5, HEAD_LEFT_CM)
        add_paragraph(right, frame.motto[0], size=12, bold=True)
        add_paragraph(right, frame.motto[1], size=13, bold=True)
        add_rule(right, 5.6, HEAD_RIGHT_CM)
    number, place = table.cell(1, 0), table.cell(1, 1)
    number.paragraphs[0]._p.getparent().remove(number.paragraphs[0]._p)
    place.paragraphs[0]._p.getparent().remove(place.paragraphs[0]._p)
    add_paragraph(number, frame.number_text, size=13, space_after=0)
    add_paragraph(place, frame.place_date, size=14, italic=True)
    add_paragraph(doc, "", size=8)
    add_paragraph(doc, frame.kind_title, size=14, bold=True)
    add_paragraph(doc, frame.subject, size=14, bold=True)
    if frame.subtitle:
        add_paragraph(doc, frame.subtitle, size=13, italic=True)
    rule = add_paragraph(doc, size=2, space_after=10)
    rule.paragraph_format.left_indent = Cm(6)
    rule.paragraph_format.right_indent = Cm(6)
    underline_paragraph(rule)


def write_closing(doc, frame):
    """ "Nơi nhận" (left) and the signature block (right) in one borderless row that never splits across pages."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fix_widths(table, (7.5, 8.5))
    keep_row_together(table.rows[0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    head = add_paragraph(left, "", align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    if frame.is_party:
        set_font(head.add_run(frame.recipients_heading), 14, underline=True)
    else:
        set_font(head.add_run(frame.recipients_heading), 12, bold=True, italic=True)
    for line in frame.recipient_lines:
        add_paragraph(
            left, line, size=11 if not frame.is_party else 12, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True
        )
    for line in frame.authority_lines:
        add_paragraph(right, line, size=14, bold=True, keep=True)
    add_paragraph(right, frame.signer_title, size=14, bold=True, keep=True)
    for _ in range(4):  # room for the signature and the seal
        add_paragraph(right, "", size=14, keep=True)
    add_paragraph(right, frame.signer_name, size=14, bold=True)


def _body(doc, blocks):
    for block in blocks:
        if block.kind == "h1":
            doc.add_heading(block.text, level=1)
        elif block.kind == "h2":
            doc.add_heading(block.text, level=2)
        else:
            par = doc.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt = par.paragraph_format
            fmt.first_line_indent = Cm(1.27)
            fmt.space_before = Pt(0)
            fmt.space_after = Pt(6)
            fmt.line_spacing = 1.15
            if block.kind == "bullet":
                set_font(par.add_run(f"- {block.text}"), 14)
            elif block.kind == "office":
                run = set_font(par.add_run(OFFICE_TEXT_MARK + block.text), 14, italic=True)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            elif block.kind == "closing":
                fmt.keep_with_next = True
                set_font(par.add_run(block.text), 14)
            else:
                set_font(par.add_run(block.text), 14)


def write_narrative(report, target):
    """Write the narrative report as a .docx at `target` (a path or a file object)."""
    doc = new_docx()
    set_up_document(doc)
    write_heading(doc, report.heading)
    _body(doc, report.blocks)
    write_closing(doc, report.heading)
    if report.progress.rows:
        write_annex(doc, report)
    doc.core_properties.title = report.heading.title
    doc.core_properties.language = "vi-VN"
    doc.save(target)
    return target
