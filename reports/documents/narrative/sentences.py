"""How the narrative says a figure: the counts sentence, one indicator or one level in the delegations' words."""

from indicators.models import Operator
from indicators.rules import Status, format_number, format_target, format_value
from reports.dashboards.selectors import ResolutionOverview
from units.models import UnitKind

# How a sentence names a level ("… cấp Sở đạt 92,24%").
LEVEL_WORDS = {
    UnitKind.PROVINCE: "cấp tỉnh",
    UnitKind.DEPARTMENT: "cấp Sở",
    UnitKind.DISTRICT: "cấp huyện",
    UnitKind.DISTRICT_OFFICE: "cấp phòng",
    UnitKind.COMMUNE: "cấp xã",
    UnitKind.SCHOOL: "tại các cơ sở giáo dục",
    UnitKind.OTHER: "tại các đơn vị khác",
}
# The counts sentence, in the order delegations write it.
STATUS_WORDS = [
    (Status.ON_TRACK, "đúng tiến độ"),
    (Status.AT_RISK, "có nguy cơ không đạt"),
    (Status.NOT_MET, "chưa đạt"),
    (Status.NO_DATA, "chưa có số liệu"),
]


def counts_sentence(counts):
    """ "Có 6/12 chỉ tiêu đạt và vượt, 4 chỉ tiêu đúng tiến độ, 2 chỉ tiêu có nguy cơ không đạt."

    `counts` are the statuses of a progress report's indicators; the first
    part is the dashboards' own summary (ResolutionOverview.summary_words).
    """
    judged = sum(counts.values()) - counts.get(Status.NO_TARGET, 0)
    if not judged:
        return "Các chỉ tiêu chưa có mục tiêu để đánh giá." if counts else "Chưa có chỉ tiêu định lượng."
    parts = [ResolutionOverview(resolution=None, roots=None, counts=counts).summary_words]
    parts += [f"{counts[s]} chỉ tiêu {words}" for s, words in STATUS_WORDS if counts.get(s)]
    sentence = "Có " + ", ".join(parts)
    if counts.get(Status.NO_TARGET):
        sentence += f" ({counts[Status.NO_TARGET]} chỉ tiêu chưa có mục tiêu, không đánh giá)"
    return sentence + "."


def goal_words(target, measure):
    """ "90%", "trên 95%", "không quá 10": a target as a sentence names it after "mục tiêu"."""
    words = format_target(target, measure)
    return words.split(" ", 1)[1] if target.operator in (Operator.GTE, Operator.EQ) else words


def result_sentence(row, with_level=True, with_name=True, end="."):
    """One indicator (or one level of it) in the delegations' words, from a progress report row.

    "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng cấp Sở đạt 92,24%,
    vượt mục tiêu 90% của năm 2025." The status is the row's (never judged
    again here); the estimate is the row's "Ước thực hiện". A yes/no
    indicator over many units reads as the share of units: "cấp phòng: 62,50%
    số đơn vị". `with_name=False` leaves the indicator's name out (a level
    after the name: "…: cấp Sở đạt 95,10%, …; cấp phòng đạt …").
    """
    ind = row.indicator
    level = LEVEL_WORDS.get(row.unit_kind, "") if with_level and row.unit_kind else ""
    name = " ".join(x for x in (ind.name if with_name else "", level) if x) or ind.name
    if row.value is None:
        return f"{name}: chưa có số liệu{end}"
    value = format_value(ind, row.value, share=True)
    text = f"{name}: {value} số đơn vị" if ind.measure == "boolean" else f"{name} đạt {value}"
    t = row.target
    if t is None:
        return text + end
    goal = f"mục tiêu {goal_words(t, ind.measure)} của năm {t.year}"
    estimate = (
        f" (ước đến hết năm {t.year} đạt {format_value(ind, row.estimate, share=True)})"
        if row.estimate is not None
        else ""
    )
    if row.status == Status.MET:
        beyond = t.operator == Operator.GTE and row.value > t.value
        text += f", {'vượt' if beyond else 'đạt'} {goal}"
    elif row.status == Status.ON_TRACK:
        text += f", chưa đạt {goal} nhưng đúng tiến độ{estimate}"
    elif row.status == Status.AT_RISK:
        text += f", chưa đạt {goal}, có nguy cơ không đạt{estimate}"
    elif row.status == Status.NOT_MET:
        text += f", không đạt {goal}"
    return text + end


def indicator_sentence(row, levels=()):
    """An indicator in one sentence (no final stop): itself, or its name then each level's result.

    "Tỷ lệ … mạng: cấp Sở đạt 96,10%, đạt mục tiêu trên 95% của năm 2022; cấp
    phòng đạt 70,20%, không đạt mục tiêu trên 75% của năm 2022"
    """
    notes = [
        words
        for words in (
            "mục tiêu minh họa" if any(r.target_note for r in (row, *levels)) else "",
            reported_words(row),
        )
        if words
    ]
    notes = f" ({'; '.join(notes)})" if notes else ""
    if not levels:
        return result_sentence(row, with_level=False, end="") + notes
    return (
        f"{row.indicator.name}: "
        + "; ".join(result_sentence(r, with_name=False, end="") for r in levels)
        + notes
    )


def reported_words(row):
    """ "45/50 đơn vị đã báo cáo" when some of the expected units have not reported yet ("" when all have)."""
    if row.units_expected and row.units_reported is not None and row.units_reported < row.units_expected:
        return f"{format_number(row.units_reported)}/{format_number(row.units_expected)} đơn vị đã báo cáo"
    return ""


def lower_first(text):
    """The text with its first letter in lower case ("Về chuyển đổi số" -> "về chuyển đổi số")."""
    return text[:1].lower() + text[1:]
