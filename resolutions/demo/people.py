"""The demo logins (one per role) and the situations they find on the latest period, so every login
has something to do."""

from typing import NamedTuple

from indicators.models import SubmissionStatus
from units.models import Role

from .seed_000_ninh_thuan import NT_FACT_PERIOD, NT_LAST, SUCCESSOR_LAST, SUCCESSOR_UNIT
from .seed_001_quang_binh import HAI_DINH, PGD_DONG_HOI, QB_LAST
from .series import RETURN_REASONS


class DemoUser(NamedTuple):
    username: str
    first_name: str  # họ (family name), as tests/factories.py does: full name = first + last
    last_name: str
    role: str | None  # None: staff superuser
    units: tuple


DEMO_USERS = [
    DemoUser("admin", "Quản trị", "hệ thống", None, ()),
    DemoUser("nhaplieu.truong", "Hoàng", "Thị Thu Hà", Role.ENTRY, (HAI_DINH,)),
    DemoUser("nhaplieu.so", "Nguyễn", "Thị Kim Ngân", Role.ENTRY, ("NT.SGDDT",)),
    DemoUser("lanhdao.phong", "Trần", "Văn Hùng", Role.APPROVER, (PGD_DONG_HOI,)),
    DemoUser("lanhdao.so", "Lê", "Thị Minh Hương", Role.APPROVER, ("QB.SGDDT",)),
    DemoUser("giamsat", "Phạm", "Quốc Bảo", Role.SUPERVISOR, ("NT", "QB")),
    DemoUser("xem", "Võ", "Thị Thanh Tâm", Role.VIEWER, ("ST",)),
]



# Persona situations on the latest period, so every demo login has something to do.
FORCED_SUBMISSIONS = {
    (HAI_DINH, QB_LAST): (SubmissionStatus.RETURNED, RETURN_REASONS[0]),
    ("QB.DONGHOI.THCS-DONGPHU", QB_LAST): (SubmissionStatus.SUBMITTED, ""),
    ("QB.DONGHOI.TH-BACLY", QB_LAST): (SubmissionStatus.SUBMITTED, ""),
    (PGD_DONG_HOI, QB_LAST): (SubmissionStatus.SUBMITTED, ""),
    ("QB.SGDDT", QB_LAST): (SubmissionStatus.SUBMITTED, ""),
    ("NT.SGDDT", NT_LAST): (SubmissionStatus.APPROVED, ""),
    ("NT.SGDDT", NT_FACT_PERIOD): (SubmissionStatus.APPROVED, ""),
    (SUCCESSOR_UNIT, SUCCESSOR_LAST): (SubmissionStatus.DRAFT, ""),
    (SUCCESSOR_UNIT, "2026-Q3"): (SubmissionStatus.APPROVED, ""),
}
NEVER_SKIPPED = {HAI_DINH, PGD_DONG_HOI, "QB.SGDDT", "NT.SGDDT", SUCCESSOR_UNIT,
                 "QB.DONGHOI.THCS-DONGPHU", "QB.DONGHOI.TH-BACLY"}

