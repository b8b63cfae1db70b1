"""The reports' tasks keep their names (the import graph of every app: tests/test_import_graph.py)."""

from celery import current_app

from reports import queue


def test_tasks_keep_their_names():
    """Beat's rows and queued messages name the tasks as when they lived in reports/tasks.py."""
    names = [value for key, value in vars(queue).items() if key.isupper() and isinstance(value, str)]
    assert len(names) == 7 and all(name.startswith("reports.tasks.") for name in names)
    assert set(names) <= set(current_app.tasks)
