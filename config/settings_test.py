"""Settings of the test suite: the application's own settings with a key of its own.

config.settings refuses to start without SECRET_KEY when DEBUG is off (as the tests run); the suite,
`manage.py check` and `makemigrations --check` of `make test` use this module instead, so a fresh clone
needs no configuration.

One other difference: on SQLite the test database is a file, not Django's default in-memory database.
With an in-memory database the live server of the browser tests shares the test thread's one
connection between all its request threads (Django's documented limitation), and two requests at once
(a page and its second tab) could corrupt the connection's state or hang the run; with a file every
thread has its own connection and SQLite's own locking (the 20 s busy timeout of config.settings).
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-outside-the-test-suite")

from config.settings import *  # noqa: E402,F403
from config.settings import DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # One file per run (the pid), so two checkouts' suites on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"cds_kpi_test_{os.getpid()}.sqlite3")}
