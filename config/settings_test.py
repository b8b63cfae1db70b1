"""Settings of the test suite: the application's own settings with a key of its own.

config.settings refuses to start without SECRET_KEY when DEBUG is off (as the tests run); the suite,
`manage.py check` and `makemigrations --check` of `make test` use this module instead, so a fresh clone
needs no configuration. Nothing else differs from production settings.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-outside-the-test-suite")

from config.settings import *  # noqa: E402,F403
