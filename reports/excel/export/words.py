"""Words and numbers the report sheets share: the status counts line, Roman section numbers."""

from indicators.rules import Status


def summary_words(counts):
    """ "6 đạt; 4 đúng tiến độ; 2 có nguy cơ": the statuses counted, in the order of the status scale."""
    parts = [
        f"{counts[s]} {Status.LABELS[s].lower()}"
        for s in (
            Status.MET,
            Status.ON_TRACK,
            Status.AT_RISK,
            Status.NOT_MET,
            Status.NO_DATA,
            Status.NO_TARGET,
        )
        if counts.get(s)
    ]
    return "; ".join(parts)


def roman(n):
    """The Roman numeral of a section or group number (1 -> "I", 4 -> "IV")."""
    vals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for v, r in vals:
        while n >= v:
            out += r
            n -= v
    return out
