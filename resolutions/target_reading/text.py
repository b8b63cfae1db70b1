"""Text normalisation and sentence/segment splitting, keeping offsets.

A resolution pasted from Word, a PDF or a web page arrives with non-breaking
spaces, soft hyphens, line breaks inside sentences, bullets and numbered
items. `normalise` turns it into one line per sentence-like item (bullets and
numbers dropped, wrapped lines joined); `sentences` and `segments` cut it
without ever cutting a decimal ("22,22%", "1.937") and return offsets into
the normalised text.
"""

import re
import unicodedata
from dataclasses import dataclass

_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u2002\u2003\u2005\u2006\u2008\t\u3000"), " ")
_DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

# A bullet or an item number at the start of a line: "-", "•", "+", "a)", "1.", "1.2.", "2)", "II.".
BULLET_RE = re.compile(
    r"^\s*(?:[-–—•·+*▪●○◦►✓]+|\(?[a-zđ]\)|\(?\d{1,2}(?:\.\d{1,2})*[.)](?!\d)|[IVXLC]{1,5}[.)])\s+",
    re.IGNORECASE,
)
_TERMINAL = (".", ";", ":", "!", "?", "…")


def normalise(text):
    """NFC, plain spaces, no soft hyphens; one item per line (bullets removed), wrapped lines joined.

    Paragraphs (blank lines) stay separated by an empty line.
    """
    text = unicodedata.normalize("NFC", text or "").translate(_SPACES).translate(_DROP)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    out = []  # lines of the result; "" marks a paragraph break
    for raw in text.split("\n"):
        line = re.sub(r" {2,}", " ", raw).strip()
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        bullet = BULLET_RE.match(line)
        if bullet:
            line = line[bullet.end():].strip()
            if line:
                out.append(line)
            continue
        if out and out[-1] and not out[-1].endswith(_TERMINAL):
            # A line break inside a sentence (a PDF or e-mail wrap): join.
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


@dataclass
class Span:
    start: int
    end: int
    text: str


# A sentence ends at "." "!" "?" "…" followed by a space and a capital/digit/quote, or at a line end.
# A "." between digits (1.937) or inside an abbreviation followed by lower case does not end one.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?…]+(?=\s+[\"“(]?[A-ZĐÀ-Ỹ0-9])|(?<=\d)\.(?=\s+[A-ZĐÀ-Ỹ])|\n+")


def sentences(text):
    """Sentence spans of normalised text."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group().strip() else m.start()
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans, text, start, end):
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if chunk:
        spans.append(Span(start + lead, start + lead + len(chunk), chunk))


def segments(sentence):
    """Segments of a sentence span, offsets kept: cut at ";" and ":", and around a parenthesis that holds
    targets ("… về kinh tế số (tỷ trọng … đạt 20%; …)"); an exception such as "(trừ …)" stays inside."""
    spans, start = [], 0
    text = mask_parentheses(sentence.text)  # exceptions blanked: their ";" or ":" never cut
    for i, ch in enumerate(text):
        if ch in ";:()":
            _add(spans, sentence.text, start, i)
            start = i + 1
    _add(spans, sentence.text, start, len(text))
    return [Span(sentence.start + s.start, sentence.start + s.end, s.text) for s in spans]


_EXCEPTION = re.compile(r"^\(\s*(?:trừ|ngoại\s+trừ|không\s+(?:bao\s+gồm|kể|tính)|sau\s+đây|viết\s+tắt|gọi\s+tắt)", re.I)


def mask_parentheses(text):
    """The text with each exception "(trừ …)" — and each parenthesis without a percentage — blanked
    (same length, so offsets hold); a parenthesis listing targets is kept."""
    chars = list(text)
    for m in re.finditer(r"\([^()]*\)", text):
        inner = m.group()
        if _EXCEPTION.match(inner) or "%" not in inner:
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def fold(text):
    """Lower case without diacritics (đ → d): for codes and loose comparisons."""
    text = unicodedata.normalize("NFKD", (text or "").replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()
