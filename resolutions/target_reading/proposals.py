"""What the reader proposes: plain dataclasses, no database.

Offsets (`start`, `end`) index the *normalised* text the reader worked on
(`text.normalise`), so a page can highlight the exact phrase a proposal came from.
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class ProposedTarget:
    """One target: a level (unit kind, None = every unit), an operator, a value and a milestone year."""

    unit_kind: str | None
    operator: str
    value: Decimal
    year: int
    phrase: str = ""  # the words it came from ("trên 95% tỷ lệ hồ sơ công việc tại cơ quan Sở")
    start: int = 0
    end: int = 0


@dataclass
class ProposedIndicator:
    """An indicator read from the text with its targets (one per level and milestone)."""

    name: str
    measure: str  # percent | count | boolean (indicators.models.Measure)
    unit_label: str
    pillar: str | None  # a Pillar code, or None when no pillar's words appear
    source: str  # the phrase it came from
    targets: list[ProposedTarget] = field(default_factory=list)
    direction: str = "increase"
    start: int = 0
    end: int = 0
    code: str = ""
    applies_to: list[str] = field(default_factory=list)

    def target_kinds(self):
        return [t.unit_kind for t in self.targets]


@dataclass
class Reading:
    """The result of reading a text: the normalised text and what was found in it."""

    text: str
    indicators: list[ProposedIndicator]

