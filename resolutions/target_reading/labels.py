"""Measure, pillar, name, unit label and proposed code of an indicator read from a phrase."""

import re

from .levels import find_levels
from .text import fold, mask_parentheses
from .values import YEAR_RE

_F = re.IGNORECASE

# Pillar codes (resolutions.demo.common.PILLARS) and the words that name them; the first list that matches wins,
# so the specific pillars come before the broad ones.
PILLAR_WORDS = [
    ("an_toan_thong_tin_mang", r"an\s+toàn\s+thông\s+tin|an\s+ninh\s+mạng|an\s+toàn,\s*an\s+ninh|an\s+ninh\s+thông\s+tin"),
    ("the_che_so", r"thể\s+chế|văn\s+bản\s+quy\s+phạm|cơ\s+chế,\s*chính\s+sách"),
    ("nhan_thuc_so", r"tổ\s+chỉ\s+đạo|ban\s+chỉ\s+đạo|tuyên\s+truyền|nhận\s+thức"),
    ("nhan_luc_so", r"đào\s+tạo|bồi\s+dưỡng|tập\s+huấn|nhân\s+lực|kỹ\s+năng\s+số"),
    ("du_lieu_so", r"dữ\s+liệu"),
    ("chinh_quyen_so", r"dịch\s+vụ\s+công|thủ\s+tục\s+hành\s+chính|hồ\s+sơ|văn\s+bản|môi\s+trường\s+mạng|chữ\s+ký\s+số|"
                       r"ký\s+số|một\s+cửa|chế\s+độ\s+báo\s+cáo|cuộc\s+họp|họp\s+không\s+giấy|kiểm\s+tra|chính\s+quyền|"
                       r"chính\s+phủ\s+điện\s+tử|chính\s+phủ\s+số|cơ\s+quan\s+nhà\s+nước"),
    ("xa_hoi_so", r"tài\s+khoản\s+thanh\s+toán|danh\s+tính|định\s+danh|công\s+dân\s+số|điện\s+thoại\s+(?:di\s+động\s+)?thông\s+minh"),
    ("kinh_te_so", r"kinh\s+tế\s+số|thương\s+mại\s+điện\s+tử|không\s+dùng\s+tiền\s+mặt|doanh\s+nghiệp|GRDP|GDP|"
                   r"hợp\s+đồng\s+điện\s+tử|hóa\s+đơn\s+điện\s+tử|thanh\s+toán"),
    ("ha_tang_so", r"hạ\s+tầng|cáp\s+quang|băng\s+rộng|phủ\s+sóng|\b[45]G\b|internet|trung\s+tâm\s+dữ\s+liệu|thuê\s+bao"),
    ("xa_hoi_so", r"người\s+dân|dân\s+số|hộ\s+gia\s+đình|xã\s+hội\s+số"),
]
_PILLAR_RES = [(code, re.compile(p, _F)) for code, p in PILLAR_WORDS]

# Words around a value that are not part of the indicator's name.
_LEAD_FILLER = re.compile(
    r"^(?:(?:và|với|theo\s+(?:đó|kế\s+hoạch)|trong\s+đó|cụ\s+thể|mục\s+tiêu(?:\s+(?:cụ\s+thể|cơ\s+bản|chung))?(?:\s+là)?"
    r"|(?:tỉnh|huyện|xã|thành\s+phố|ngành|bộ|sở)\s+(?:đặt|đề\s+ra|hướng\s+đến|phấn\s+đấu)(?:\s+mục\s+tiêu)?"
    r"|đặt\s+mục\s+tiêu|đề\s+ra|hướng\s+đến|phấn\s+đấu(?:\s+(?:để|có))?|đảm\s+bảo|bảo\s+đảm|có|đạt|toàn\s+tỉnh"
    r"|với\s+mục\s+tiêu(?:\s+đặt\s+ra)?|là|thì|kế\s+hoạch\s+gắn\s+liền\s+với\s+các\s+mục\s+tiêu"
    r"|về\s+[^,]{1,40}?,|trong\s+lĩnh\s+vực\s+[^,]{1,40}?,|đối\s+với\s+[^,]{1,40}?,"
    r"|[,.\-–:;])\s*)+",
    _F,
)
_TRAIL_FILLER = re.compile(
    r"(?:\s*(?:,|;|\.|và|đạt(?:\s+được)?|phải\s+đạt|phải|là|chiếm|đạt\s+mức|ở\s+mức|lên|tới|đến|khoảng|tối\s+thiểu"
    r"|ít\s+nhất|trên|dưới|không\s+quá|tối\s+đa|hơn|từ|bằng|còn|xuống|mức|được|sẽ|trong\s+tỉnh|trên\s+địa\s+bàn(?:\s+tỉnh)?"
    r"|phấn\s+đấu|đối\s+với|tại|ở|của))+$",
    _F,
)
_CONNECTORS = re.compile(r"\b(?:tại|ở|đối\s+với)\s+(?:các\s+)?$|\b(?:tại|ở|đối\s+với)\s+(?:các\s+)?(?=[,;]|$)", _F)

_STOP = {
    "ty", "le", "cac", "duoc", "tren", "cua", "va", "tai", "o", "voi", "trong", "cho", "tong", "nhung", "mot",
    "la", "co", "the", "theo", "den", "tu", "ve", "khi", "da", "dang", "se", "tro", "len", "dat", "thi",
}


def pillar_for(text):
    """The pillar code whose words appear in `text` (see PILLAR_WORDS), or None."""
    for code, rx in _PILLAR_RES:
        if rx.search(text or ""):
            return code
    return None


def strip_levels(text):
    """`text` without its level phrases, the "tại/ở/đối với (các)" that introduced them and "trong tỉnh"."""
    masked = text
    for s, e, _k in reversed(find_levels(text)):
        head = re.search(r"(?:\b(?:tại|ở|đối\s+với|của|trong)\s+)?(?:\b(?:các|những)\s+)?$", masked[:s], _F)
        masked = masked[:head.start() if head else s] + " " + masked[e:]
    masked = re.sub(r"\b(?:trong\s+tỉnh|trên\s+địa\s+bàn(?:\s+tỉnh)?|trong\s+toàn\s+tỉnh)\b", " ", masked, flags=_F)
    masked = re.sub(r"\s*,\s*(?=,|\s*(?:được|với|và)\b|\s*$)", " ", masked, flags=_F)
    return re.sub(r"\s{2,}", " ", masked).strip(" ,;")


def clean_name(text):
    """A phrase turned into a name: no parentheses, years, levels, leading/trailing filler; first letter capital."""
    text = mask_parentheses(text)
    text = YEAR_RE.sub(" ", text)
    text = strip_levels(text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:.-–")
    for _ in range(3):
        text = _LEAD_FILLER.sub("", text).strip()
        text = _TRAIL_FILLER.sub("", text).strip(" ,;:.-–")
    return text


def make_name(core, measure, after_short=""):
    """The indicator's name from its core words: "Tỷ lệ …" for a percent, "Tỷ trọng … trong GRDP" for a share."""
    core = clean_name(core)
    if after_short and re.fullmatch(r"GRDP|GDP|tổng\s+mức\s+bán\s+lẻ", after_short.strip(), _F):
        share = re.sub(r"^tỷ\s+trọng\s+", "", core, flags=_F)
        core = f"tỷ trọng {share} trong {after_short.strip()}"
    elif after_short:
        core = f"{core} {clean_name(after_short)}".strip()
    if not core:
        return ""
    if measure == "percent" and not re.match(r"(?:tỷ|tỉ)\s+(?:lệ|trọng)|mức|chỉ\s+số|số\s+lượng", core, _F):
        core = f"tỷ lệ {core}"
    if len(core) > 200:
        core = core[:200].rsplit(" ", 1)[0].rstrip(" ,;")
    return core[0].upper() + core[1:]


def propose_code(name, taken):
    """A short code from the name's initials ("Tỷ lệ hồ sơ công việc …" → "HSCV-XLMT"), unique against `taken`."""
    words = [w for w in re.findall(r"[a-z0-9]+", fold(name)) if w not in _STOP]
    head = "".join(w[0] for w in words[:4]).upper()
    tail = "".join(w[0] for w in words[4:8]).upper()
    base = (f"{head}-{tail}" if tail else head) or "CT"
    base = base[:24]
    code, n = base, 2
    folded = {c.upper() for c in taken}
    while code.upper() in folded:
        code, n = f"{base}-{n}", n + 1
    return code
