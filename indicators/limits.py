"""The sizes every path enforces on what people type (read by `indicators.rules` and by the models).

Numbers only, so that the models can name them without importing the rules.
"""

NOTE_MAX_LENGTH = 2000  # a value's note (ghi chú), a reason given in the workflow
TEXT_MAX_LENGTH = 10000  # long texts: findings, task titles and progress, visit summaries, descriptions
DECIMALS_MAX = 6  # Indicator.decimals: what a figure may show (values are stored with 4 decimals)
