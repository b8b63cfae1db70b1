"""The look every cell shares: the font of administrative documents, thin borders, header and group fills."""

from openpyxl.styles import Border, Font, PatternFill, Side

FONT_NAME = "Times New Roman"  # the font of Vietnamese administrative documents

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")


def font(bold=False, italic=False, size=12, colour=None, underline=None):
    """A cell's font: always the document font, Times New Roman."""
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size, color=colour, underline=underline)
