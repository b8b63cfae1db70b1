"""Reading a resolution's targets from its own text (issue 14).

Plain functions, no network and no model: a closed provincial network must
be able to run it. `read_targets(text, plan_year=…)` proposes indicators
with name, unit label, measure, pillar, one target per level, operator,
milestone year(s) and the phrase each came from; `files.text_from_upload`
reads a .docx (python-docx) or a text-layer PDF (pypdf);
`appendix` writes and reads the "Phụ lục chỉ tiêu" workbook.
Nothing here writes to the database: `indicators.definitions` creates what a
reviewer accepts.
"""

from .proposals import ProposedIndicator, ProposedTarget, Reading
from .reader import read_targets

__all__ = ["ProposedIndicator", "ProposedTarget", "Reading", "read_targets"]
