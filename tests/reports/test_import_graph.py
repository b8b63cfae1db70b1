"""The reports package's modules import each other without a circle, and its tasks keep their names.

Imports inside functions count too: a lazy import hides a circle from Python, not from the reader.
"""

import ast
from pathlib import Path

from celery import current_app

from reports import queue

PACKAGE = Path(__file__).resolve().parents[2] / "reports"


def _modules():
    """{dotted name: path} of every module of `reports` but its migrations."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name, path, modules):
    """The modules of `modules` that module `name` imports (a package's __init__ does not count as a target)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                found.add(target)
    return found


def _cycle(graph):
    """One import circle of `graph` as a list of modules, or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return trail[trail.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, trail + [nxt])
                if found:
                    return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def test_no_import_circle_in_reports():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert "reports.runs.services" in graph and "reports.excel.saving" in graph  # the walk sees the packages
    # and the modules of the packages inside them
    assert {"reports.documents.report_data.progress", "reports.documents.narrative.sections",
            "reports.excel.export.sheet"} <= set(graph)
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_tasks_keep_their_names():
    """Beat's rows and queued messages name the tasks as when they lived in reports/tasks.py."""
    names = [value for key, value in vars(queue).items() if key.isupper() and isinstance(value, str)]
    assert len(names) == 7 and all(name.startswith("reports.tasks.") for name in names)
    assert set(names) <= set(current_app.tasks)
