"""The project's modules import each other without a circle, and no app imports a higher one.

The graph is read from the source (ast), not from Python's import machinery: an import inside a function
counts like one at the top, because a lazy import hides a circle from Python, not from the reader.

The modules: every `.py` of the apps below but their migrations (tests and bench are outside). An import
of `a.b.c` (or `from a.b import c`) reaches the module `a.b.c` and the packages `a` and `a.b`, whose
`__init__` Python runs first; not the importer's own packages (a package's modules import each other while
it loads). So a package's `__init__` that re-exports its modules (`indicators.figures`) is a target like
any module: fine, as long as it is not part of a circle itself.

The layers, lowest first (docs/architecture.md): `config`'s helpers, `units`, `indicators`, `resolutions`,
`reports`; then `config/urls.py` and `config/api_urls.py`, which wire every app. A module may import its
own app and the apps below it. A lower app that must tell a higher one sends a signal or calls a registry
the higher app fills in its `apps.py`; one that needs a higher app's model names it by string
(`"resolutions.Resolution"`, `apps.get_model`).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["config", "units", "indicators", "resolutions", "reports", "wiring"]
WIRING = {"config.urls", "config.api_urls"}  # the url modules: above every app


def _modules():
    """{dotted name: path} of every module of the apps of LAYERS but their migrations."""
    out = {}
    for app in LAYERS[:-1]:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def _imports(name, path, modules):
    """{module of `modules` that module `name` imports: the line of the first such import}."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = {}
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
            parts = target.split(".")
            for end in range(1, len(parts) + 1):  # the module and the packages Python runs on the way
                target = ".".join(parts[:end])
                if target in modules and target != name and not name.startswith(target + "."):
                    found.setdefault(target, node.lineno)
    return found


def _graph():
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _cycle(graph):
    """One import circle of `graph` as a list of modules, or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return trail[trail.index(nxt) :] + [nxt]
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


def _layer(module):
    return LAYERS.index("wiring" if module in WIRING else module.split(".")[0])


def test_the_walk_sees_every_app():
    graph = _graph()
    assert {
        "config.settings",
        "units.tree",
        "indicators.figures",
        "resolutions.scope",
        "reports.runs.generate",
        "reports.excel.saving",
        "config.urls",
    } <= set(graph)
    assert not any(".migrations" in name for name in graph)
    assert "indicators.figures.windows" in graph["indicators.scope"]  # from .figures.windows import …
    assert "indicators.figures" in graph["indicators.scope"]  # … runs the package's __init__ first


def test_no_import_circle():
    graph = _graph()
    cycle = _cycle(graph)
    assert cycle is None, (
        "import circle: "
        + " -> ".join(f"{a} (line {graph[a][b]})" for a, b in zip(cycle, cycle[1:], strict=False))
        + f" -> {cycle[-1]}"
    )


def test_no_app_imports_a_higher_one():
    graph = _graph()
    upward = [
        f"{a} (line {line}) imports {b}"
        for a, targets in sorted(graph.items())
        for b, line in sorted(targets.items())
        if _layer(b) > _layer(a)
    ]
    assert upward == [], f"layers, lowest first: {LAYERS}\n" + "\n".join(upward)


def test_the_checker_finds_what_it_should():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None
    assert (
        _layer("config.cache")
        < _layer("units.tree")
        < _layer("indicators.rules")
        < _layer("resolutions.scope")
    )
    assert _layer("resolutions.scope") < _layer("reports.models") < _layer("config.urls")
