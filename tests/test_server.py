"""The web process freezes what it loaded, so a full garbage collection never scans it mid-request."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_gunicorns_entry_point_leaves_the_loaded_application_frozen():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    out = subprocess.run(
        [sys.executable, "-c", "import gc, config.wsgi; print(gc.get_freeze_count())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )
    assert int(out.stdout.strip().splitlines()[-1]) > 10_000  # Django, the apps, their registries: all of it
