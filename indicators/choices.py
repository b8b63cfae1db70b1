"""The choices of an indicator and a target that `indicators.rules` reads: measure, direction, operator.

Apart from the models so that the rules name them without importing the models (which use the rules:
a target's words). `indicators.models` imports them; code may name them from either.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Measure(models.TextChoices):
    PERCENT = "percent", _("Tỷ lệ % (tử số/mẫu số)")
    COUNT = "count", _("Số lượng")
    BOOLEAN = "boolean", _("Có/Không")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Càng cao càng tốt")
    DECREASE = "decrease", _("Càng thấp càng tốt")


class Operator(models.TextChoices):
    GT = "gt", pgettext_lazy("target operator", "trên")
    GTE = "gte", _("đạt (từ … trở lên)")
    EQ = "eq", pgettext_lazy("target operator", "bằng")
    LTE = "lte", pgettext_lazy("target operator", "không quá")
    LT = "lt", pgettext_lazy("target operator", "dưới")
