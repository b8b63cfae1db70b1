"""The figure engine: every figure and status a page, the API, a workbook or a Celery job shows.

One module per concern (docs/architecture.md, README "Decisions worth knowing"):
- `scope`: whose values count (submitted/approved), which units a scope holds;
- `windows`: trends, the periods inside a half-year or year, what a resolution
  expects, the period a page opens on;
- `units`: one unit's own figure for any period kind (a yes/no answer judged
  as 100% / 0%), rankings, a unit's series with its predecessors folded in;
- `rollups`: figures per unit kind, per child subtree, in total, and an
  indicator's status over its levels;
- `completeness`: who had to report, who did, who did on time.
The one-value rules (a rate, the applicable target, the status, the words)
are `indicators.rules`; nothing else computes them.
"""

from .completeness import Completeness, completeness
from .rollups import (
    KindRollup,
    blendable,
    indicator_status,
    levels_without_data,
    rollup_by_child,
    rollup_by_kind,
    rollup_total,
)
from .scope import (
    active_on_q,
    as_roots,
    counted_statuses,
    counted_values,
    expand_with_predecessors,
    expected_ids,
    ids_q,
    illustrative_in_scope,
    indicator_scope,
    roots_key,
    subtree_q,
    viewer_ids,
)
from .units import (
    UnitFigure,
    expected_units,
    own_figures,
    rank_units,
    unit_figures,
    unit_series,
    unit_series_many,
    window_figures,
)
from .windows import (
    TREND_LENGTH,
    default_period,
    resolution_expects,
    resolution_horizon,
    source_periods,
    trailing_periods,
    window_sources,
)

__all__ = [
    "Completeness", "KindRollup", "TREND_LENGTH", "UnitFigure", "active_on_q", "as_roots", "blendable",
    "completeness", "counted_statuses", "counted_values", "default_period", "expand_with_predecessors",
    "expected_ids", "expected_units", "ids_q", "illustrative_in_scope", "indicator_scope", "indicator_status",
    "levels_without_data", "own_figures", "rank_units", "resolution_expects", "resolution_horizon",
    "rollup_by_child", "rollup_by_kind", "rollup_total", "roots_key", "source_periods", "subtree_q",
    "trailing_periods", "unit_figures", "unit_series", "unit_series_many", "viewer_ids", "window_figures",
    "window_sources",
]
