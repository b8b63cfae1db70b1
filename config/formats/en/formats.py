"""English pages keep the Vietnamese formats: the language switch changes the words, not the figures.

A figure reads the same on an English page, a Vietnamese page and the signed document (1.937, 22,22%,
12/09/2023), and a number typed on an English form is read the Vietnamese way (DESIGN.md §6).
"""

from config.formats.vi.formats import *  # noqa: F403
