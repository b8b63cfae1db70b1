"""The choices of an indicator and a target that `indicators.rules` reads: measure, direction, operator.

Apart from the models so that the rules name them without importing the models (which use the rules:
a target's words). `indicators.models` imports them; code may name them from either.
"""

from django.db import models


class Measure(models.TextChoices):
    PERCENT = "percent", "Tỷ lệ % (tử số/mẫu số)"
    COUNT = "count", "Số lượng"
    BOOLEAN = "boolean", "Có/Không"


class Direction(models.TextChoices):
    INCREASE = "increase", "Càng cao càng tốt"
    DECREASE = "decrease", "Càng thấp càng tốt"


class Operator(models.TextChoices):
    GT = "gt", "trên"
    GTE = "gte", "đạt (từ … trở lên)"
    EQ = "eq", "bằng"
    LTE = "lte", "không quá"
    LT = "lt", "dưới"
