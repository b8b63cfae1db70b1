"""Reading target sentences: text → proposed indicators and targets.

The whole pipeline, plain functions without network or model:
normalise (`text`) → sentences and segments → values (`values`) → for each
value its operator (`operators`), level (`levels`) and milestone year →
chunks grouped into indicators (several levels of one indicator in one
segment: "trên 95% … tại cơ quan Sở, trên 75% … tại các phòng GDĐT") →
name, measure, unit label and pillar (`labels`) → indicators with the same
name merged (a 2025 and a 2030 milestone of one indicator).

The milestone year of a value: the nearest year phrase before it in its
sentence, else one after it in its segment, else the year of the last
heading-like sentence ("Mục tiêu đến năm 2025:"), else the plan's own year.
"""

import re
from dataclasses import dataclass

from .labels import clean_name, make_name, pillar_for
from .levels import EVERYONE_RE, find_levels, unit_subject
from .operators import DECREASE_RE, read_operator
from .proposals import ProposedIndicator, ProposedTarget, Reading
from .text import fold, mask_parentheses, normalise, segments, sentences
from .values import find_values, find_years

_F = re.IGNORECASE

# Sentences that report what was achieved, not what is targeted.
_ACHIEVED_SENTENCE = re.compile(
    r"^(?:đến\s+nay|hiện\s+nay|tính\s+đến|kết\s+quả|năm\s+qua|theo\s+báo\s+cáo|qua\s+\d|trong\s+(?:năm|giai\s+đoạn)\s+"
    r"(?:qua|vừa\s+qua)|năm\s+20\d\d,\s+việt\s+nam\s+có)",
    _F,
)
_ACHIEVED_BEFORE = re.compile(
    r"(?:\bước(?:\s+tính)?|\bđã\b|\bhiện(?:\s+nay)?\b|còn\s+thấp|\bchỉ\s+đạt|\bmới\s+đạt|\btăng\b|\bgiảm\b)[^%;:]{0,25}$", _F
)
_ACHIEVED_AFTER = re.compile(r"^\s*(?:so\s+với|/năm\s+so|mục\s+tiêu\b|kế\s+hoạch\b)", _F)  # "đạt 76,5% mục tiêu"
_ACHIEVED_VERB_AFTER = re.compile(r"^[^;%]{0,80}?\bđã\b", _F)  # "100% dịch vụ công … đã cung cấp"
_TARGET_CUE = re.compile(
    r"phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu|ít\s+nhất|tối\s+thiểu|tối\s+đa|không\s+quá|kế\s+hoạch|đặt\s+ra|hướng\s+đến"
    r"|dự\s+kiến|(?:đến|tới|vào)\s+(?:hết\s+|cuối\s+)?năm\s+20\d\d", _F)
# Headings of a section that reports results ("Tình hình thực hiện …", "Kết quả đạt được") and of one that sets
# targets ("Mục tiêu", "Chỉ tiêu"); the first wins when a heading says both.
_RESULTS_HEADING = re.compile(
    r"tình\s+hình\s+thực\s+hiện|kết\s+quả\s+(?:thực\s+hiện|đạt\s+được)|đánh\s+giá\s+(?:kết\s+quả|tình\s+hình)", _F)
_TARGETS_HEADING = re.compile(r"mục\s+tiêu|chỉ\s+tiêu", _F)
# Sentences that cite other documents: they set no milestone context.
_REFERENCE_SENTENCE = re.compile(r"^(?:căn\s+cứ|thực\s+hiện|triển\s+khai|theo\s+đề\s+nghị|xét\s+đề\s+nghị)", _F)
_SEPARATOR = re.compile(r",|;|\bvà\b|\bcòn\b", _F)


@dataclass
class _Chunk:
    start: int  # absolute offsets in the normalised text
    end: int
    text: str
    before: str
    after: str
    value: object
    operator: str
    decrease: bool
    year: int
    kinds: list
    measure: str
    unit_label: str
    name: str
    residual: str


def read_targets(text, *, plan_year, default_kinds=()):
    """Propose indicators and targets from a resolution's text.

    `plan_year`: the milestone when a sentence names none (the plan's own year).
    `default_kinds`: the unit kinds an indicator applies to when its targets are for every unit.
    Returns a `Reading` (the normalised text and the proposals, in the order of the text).
    """
    norm = normalise(text)
    context_year = None
    in_results = False
    indicators = []
    for sent in sentences(norm):
        masked = mask_parentheses(sent.text)
        years = find_years(masked)
        values = [v for v in find_values(masked) if not any(y.start <= v.start < y.end for y in years)]
        if not _TARGET_CUE.search(masked):
            # "cấp tiểu học có 342 máy" reports what exists; a count is a target only where the sentence says so.
            values = [v for v in values if v.kind != "count"]
        if not values:
            if _RESULTS_HEADING.search(sent.text):
                in_results = True  # "I. TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU NĂM 2024": what follows was achieved
            elif _TARGETS_HEADING.search(sent.text):
                in_results = False
            if years and not _REFERENCE_SENTENCE.match(sent.text):
                chosen = [y for y in years if not y.vision] or years
                context_year = chosen[0].year
            continue
        if in_results or _ACHIEVED_SENTENCE.match(sent.text):
            continue
        for seg in segments(sent):
            rel = seg.start - sent.start
            seg_values = [v for v in values if rel <= v.start < rel + len(seg.text)]
            if not seg_values:
                continue
            chunks = _chunks(norm, sent, seg, rel, masked, seg_values, years, context_year, plan_year)
            indicators.extend(_group(chunks, norm))
    indicators = _merge(indicators)
    for ind in indicators:
        ind.applies_to = _applies_to(ind, default_kinds)
        ind.pillar = pillar_for(ind.name) or pillar_for(ind.source)
    return Reading(text=norm, indicators=indicators)


def _chunks(norm, sent, seg, rel, masked, values, years, context_year, plan_year):
    """One chunk per value of the segment: its words, operator, level(s), year, measure and name."""
    seg_masked = masked[rel:rel + len(seg.text)]
    local = [(v, v.start - rel, v.end - rel) for v in values]
    # Where each value's operator phrase starts (segment-relative).
    ops = []
    prev_end = 0
    for _v, s, e in local:
        op, decrease, op_len = read_operator(seg_masked[prev_end:s], seg_masked[e:])
        ops.append((op, decrease, s - op_len))
        prev_end = e
    cuts = [0]
    for i in range(1, len(local)):
        gap_start, gap_end = local[i - 1][2], ops[i][2]
        seps = list(_SEPARATOR.finditer(seg_masked, gap_start, gap_end))
        if seps:
            # Words right after a value are its subject ("trên 95% tỷ lệ hồ sơ … tại cơ quan Sở, trên 75% …"):
            # cut at the last separator. A separator right after it ("… cấp tỉnh đạt 100%, cấp huyện đạt 90%")
            # means the next value's words start there: cut at the first.
            subject_follows = bool(seg_masked[gap_start:seps[0].start()].strip())
            sep = seps[-1] if subject_follows else seps[0]
            cuts.append(sep.start())
        else:
            cuts.append(gap_end)
    cuts.append(len(seg_masked))
    out = []
    lead = ""
    for i, (v, s, e) in enumerate(local):
        op, decrease, op_start = ops[i]
        c0 = cuts[i]
        c0 += len(seg_masked[c0:]) - len(seg_masked[c0:].lstrip(" ,;"))
        if i > 0:
            m = re.match(r"\s*(?:và|còn)\b", seg_masked[c0:], _F)
            if m:
                c0 += m.end()
        c1 = cuts[i + 1]
        before = seg_masked[c0:op_start]
        after = seg_masked[e:c1]
        if _ACHIEVED_AFTER.match(after) or _ACHIEVED_VERB_AFTER.match(after) or (
                not decrease and _ACHIEVED_BEFORE.search(seg_masked[max(0, c0, s - 40):op_start])):
            continue
        kinds, boolean = _kinds_and_measure(seg_masked[c0:c1], after)
        measure = "count" if v.kind == "count" else ("boolean" if boolean else "percent")
        unit_label = v.noun if v.kind == "count" else ("%" if measure == "percent" else "")
        name, residual = _name(before, after, measure, lead, v)
        if i == 0:
            lead = clean_name(before) if len(clean_name(after).split()) <= 3 else ""
        year = _year(years, rel + s, rel, rel + len(seg.text), context_year, plan_year)
        text = seg.text[c0:c1].strip(" ,;")
        start = seg.start + c0 + (len(seg.text[c0:c1]) - len(seg.text[c0:c1].lstrip(" ,;")))
        out.append(_Chunk(start, start + len(text), text, before, after, v, op, decrease, year, kinds, measure,
                          unit_label, name, residual))
    return out


def _kinds_and_measure(chunk_text, after):
    """The levels of a chunk (None = everyone) and whether its subject is the units themselves (yes/no)."""
    subject_kind, boolean = unit_subject(after)
    levels = [k for _s, _e, k in find_levels(chunk_text)]
    if EVERYONE_RE.search(chunk_text):
        levels = [k for k in levels if k != "school"]
    if boolean and subject_kind and subject_kind not in levels:
        levels.insert(0, subject_kind)
    kinds = list(dict.fromkeys(levels)) or [None]
    return kinds, boolean


def _name(before, after, measure, lead, value):
    after_clean = clean_name(after)
    before_clean = clean_name(before)
    if measure == "boolean":
        core = re.sub(r"^\s*(?:các|những)\s+", "", after.strip(" ,;"), flags=_F)
        core = re.sub(r"\s{2,}", " ", mask_parentheses(core)).strip(" ,;.")
        name = core[:1].upper() + core[1:200] if core else make_name(before, "percent")
        return name, fold(name)
    if len(after_clean.split()) >= 4 or (after_clean and not before_clean and not lead):
        name = make_name(after, measure)
        residual = after_clean
    elif after_clean:
        name = make_name(before_clean or lead, measure, after_short=after_clean)
        residual = before_clean or after_clean
    else:
        name = make_name(before_clean or lead, measure)
        residual = before_clean
    if measure == "count" and value.noun and value.noun not in fold(name) and value.noun not in name.lower():
        name = f"{name} ({value.noun})" if name else f"Số {value.noun}"
    residual = re.split(r"\bđược\b", residual, maxsplit=1, flags=_F)[0].strip()
    return name, fold(residual)


def _year(years, position, seg_start, seg_end, context_year, plan_year):
    before = [y for y in years if y.end <= position]
    if before:
        return before[-1].year
    after = [y for y in years if y.start >= position and y.end <= seg_end]
    if after:
        return after[0].year
    return context_year or plan_year


def _compatible(residual_a, residual_b):
    return not residual_a or not residual_b or residual_a.startswith(residual_b) or residual_b.startswith(residual_a)


def _group(chunks, norm):
    """Chunks → indicators: consecutive chunks naming levels of one subject form one indicator."""
    groups = []
    for c in chunks:
        g = groups[-1] if groups else None
        if (g and c.kinds != [None] and all(x.kinds != [None] for x in g) and c.measure == g[0].measure
                and _compatible(c.residual, g[0].residual)
                and not {(k, c.year) for k in c.kinds} & {(k, x.year) for x in g for k in x.kinds}):
            g.append(c)
        else:
            groups.append([c])
    out = []
    for g in groups:
        ind = ProposedIndicator(
            name=_group_name(g),
            measure=g[0].measure,
            unit_label=g[0].unit_label,
            pillar=None,
            source=norm[g[0].start:g[-1].end],
            start=g[0].start,
            end=g[-1].end,
            direction="decrease" if any(c.decrease or DECREASE_RE.search(c.before) and c.operator in ("lt", "lte")
                                        for c in g) else "increase",
        )
        for c in g:
            for kind in c.kinds:
                ind.targets.append(ProposedTarget(kind, c.operator, c.value.value, c.year, c.text, c.start, c.end))
        out.append(ind)
    return out


def _group_name(group):
    """The first chunk's name, completed by a later chunk's shared predicate ("… được xử lý trên môi trường mạng")."""
    names = [c.name for c in group if c.name]
    if not names:
        return "Chỉ tiêu chưa đặt tên"
    name = names[0]
    for other in names[1:]:
        m = re.search(r"\sđược\s.+$", other)
        if m and m.group().strip() not in name:
            return f"{name}{m.group()}"
    return max(names, key=len) if len(names[0].split()) <= 2 else name


def _merge(indicators):
    """Indicators of the same name and measure become one when their targets do not collide."""
    out, by_name = [], {}
    for ind in indicators:
        key = (fold(ind.name), ind.measure)
        prev = by_name.get(key)
        if prev is not None and not {(t.unit_kind, t.year) for t in ind.targets} & {
                (t.unit_kind, t.year) for t in prev.targets}:
            prev.targets.extend(ind.targets)
            prev.source = f"{prev.source} … {ind.source}"
            continue
        by_name[key] = ind
        out.append(ind)
    return out


def _applies_to(ind, default_kinds):
    kinds = [t.unit_kind for t in ind.targets]
    named = [k for k in dict.fromkeys(kinds) if k]
    if None in kinds or not named:
        return list(dict.fromkeys([*named, *default_kinds])) or named
    return named
