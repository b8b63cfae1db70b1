"""The python-docx helpers of the narrative report: fonts, paragraphs, rules, table rows and widths, page setup."""

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Times New Roman"


def set_font(run, size=14, bold=None, italic=None, underline=None):
    """A run in the document's font (Times New Roman, East Asian text included) and size."""
    run.font.name = FONT
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline
    return run


def add_paragraph(
    container,
    text="",
    size=14,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    underline=False,
    space_after=0,
    keep=False,
):
    """A paragraph of `container` (the document or a cell), single-spaced, with no space before."""
    par = container.add_paragraph()
    par.alignment = align
    fmt = par.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = 1.0
    if keep:
        fmt.keep_with_next = True
    if text:
        set_font(par.add_run(text), size, bold, italic, underline)
    return par


def underline_paragraph(par):
    """A thin black line under `par` (its bottom border): the rule under a document's heading."""
    ppr = par._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def add_rule(cell, width_cm, cell_width_cm):
    """A short centred line under a heading (NĐ 30: one third to one half of the text above)."""
    par = add_paragraph(cell, size=2)
    side = max(0.0, (cell_width_cm - width_cm) / 2)
    par.paragraph_format.left_indent = Cm(side)
    par.paragraph_format.right_indent = Cm(side)
    underline_paragraph(par)
    set_font(par.add_run(""), 2)
    return par


def keep_row_together(row):
    """A table row that never breaks across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    tr_pr.append(el)


def repeat_as_header(row):
    """A table row printed again at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def fix_widths(table, widths_cm):
    """Fixed column widths, which Word and LibreOffice both keep (grid, cells and a fixed layout)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, w in zip(table.columns, widths_cm, strict=False):
        column.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(w)


def set_up_document(doc):
    """A4 portrait with the margins of an administrative document; Normal and Heading styles in its font."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    for name, size in (("Heading 1", 14), ("Heading 2", 14)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # the theme would win
            rfonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), FONT)
        fmt = style.paragraph_format
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(6)
        fmt.first_line_indent = Cm(1.27)
        fmt.keep_with_next = True
