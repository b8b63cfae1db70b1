"""Score the target reader on the labelled corpus (public texts, see README.md beside this file).

`python -m tests.resolutions.target_corpus.score` (or `make targets-score`)
prints, per document and in total: targets expected, found, right (level,
operator, value and year all as labelled) and invented (proposed where the
labels have none). A target is *found* when the reader proposes a target
with the same value in the same labelled passage (and, when the label names
an anchor, whose phrase contains it).
"""

import json
import os
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    right: int = 0
    invented: int = 0
    problems: list = field(default_factory=list)

    @property
    def recall(self):
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self):
        return self.right / self.found if self.found else 1.0

    def add(self, other):
        self.expected += other.expected
        self.found += other.found
        self.right += other.right
        self.invented += other.invented
        self.problems += other.problems


def documents():
    """The labelled documents, in file order."""
    return [json.loads(p.read_text()) for p in sorted(HERE.glob("*.json"))]


def score_document(doc):
    """Read one document's passages with the reader and compare with its labels."""
    from resolutions.target_reading import read_targets
    from resolutions.target_reading.text import normalise

    passages = [s["text"] for s in doc["sentences"]]
    reading = read_targets("\n\n".join(passages), plan_year=doc["plan_year"])
    spans, pos = [], 0
    for text in passages:
        norm = normalise(text)
        start = reading.text.index(norm, pos)
        spans.append((start, start + len(norm)))
        pos = start + len(norm)
    proposed = [(t, ind) for ind in reading.indicators for t in ind.targets]
    used = set()
    score = Score()
    for (start, end), passage in zip(spans, doc["sentences"], strict=True):
        for label in passage["targets"]:
            score.expected += 1
            match = None
            for i, (t, _ind) in enumerate(proposed):
                if i in used or not (start <= t.start < end) or t.value != Decimal(label["value"]):
                    continue
                anchor = label.get("anchor")
                if anchor and anchor.lower() not in t.phrase.lower():
                    continue
                match = i
                break
            if match is None:
                score.problems.append(f"{doc['id']}: không tìm thấy {_label_text(label)}")
                continue
            used.add(match)
            score.found += 1
            t = proposed[match][0]
            got = (t.unit_kind, t.operator, t.value, t.year)
            want = (label["level"], label["operator"], Decimal(label["value"]), label["year"])
            if got == want:
                score.right += 1
            else:
                score.problems.append(f"{doc['id']}: {_label_text(label)} đọc thành {got[0]} {got[1]} {got[2]} {got[3]}")
    for i, (t, _ind) in enumerate(proposed):
        if i not in used:
            score.invented += 1
            score.problems.append(f"{doc['id']}: đọc thừa {t.unit_kind} {t.operator} {t.value} {t.year} «{t.phrase[:80]}»")
    return score


def _label_text(label):
    anchor = f" «{label['anchor']}»" if label.get("anchor") else ""
    return f"{label['level']} {label['operator']} {label['value']} {label['year']}{anchor}"


def score_all():
    """(total Score, [(document, Score)])."""
    total, rows = Score(), []
    for doc in documents():
        s = score_document(doc)
        rows.append((doc, s))
        total.add(s)
    return total, rows


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    total, rows = score_all()
    print(f"{'văn bản':<36} {'cần':>4} {'thấy':>5} {'đúng':>5} {'thừa':>5}")
    for doc, s in rows:
        print(f"{doc['id']:<36} {s.expected:>4} {s.found:>5} {s.right:>5} {s.invented:>5}")
    print(f"{'TỔNG (' + str(len(rows)) + ' văn bản)':<36} {total.expected:>4} {total.found:>5} {total.right:>5} {total.invented:>5}")
    print(f"Tìm thấy: {total.recall:.1%} · Đúng (cấp, phép so sánh, giá trị, năm) trong số tìm thấy: "
          f"{total.precision:.1%} · Chỉ tiêu bịa ra: {total.invented}")
    for p in total.problems:
        print("  -", p)
    return 0 if total.recall >= 0.95 and total.precision >= 0.95 and total.invented == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
