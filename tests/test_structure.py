"""The house: layers that import only downwards, and a front door that never breaks.

The layers, lowest first (a module may import its own layer and those below it):

errors <- model, numbering, scripts <- readers <- parse <- sources, bundled <- match <- corpus
<- report <- cli

``report`` reads result types but never the command line; only the command line (and the
front door itself) may import the front door ``clausediff``.

One call goes up, by the notebook's protocol: a notebook asks the object itself for its HTML
(``_repr_html_``), so the model and result types answer by calling
``clausediff.report.notebook``. That import, inside ``_repr_html_`` and nowhere else, is the
only exception, and a test lists where it is made.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import clausediff

PACKAGE = Path(clausediff.__file__).resolve().parent
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("model", "numbering", "scripts"),
    ("readers",),
    ("parse",),
    ("sources", "bundled"),
    ("match",),
    ("corpus",),
    ("report",),
    ("cli", "__main__"),
)
_LAYER_OF = {name: rank for rank, names in enumerate(LAYERS) for name in names}
_TOP = len(LAYERS) - 1


def _modules() -> list[tuple[str, Path]]:
    """Every module of the package: its dotted name and its file."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append((".".join(("clausediff", *parts)), path))
    return found


def _layer(module: str) -> int:
    """The layer of a dotted module name inside the package; the front door is on top."""
    parts = module.split(".")
    if len(parts) == 1:
        return _TOP
    return _LAYER_OF[parts[1]]


DISPLAY_HOOK = "_repr_html_"
NOTEBOOK = "clausediff.report.notebook"


def _display_hook_imports(tree: ast.AST) -> set[ast.AST]:
    """The import statements of ``clausediff.report.notebook`` inside ``_repr_html_``."""
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == DISPLAY_HOOK:
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.module == NOTEBOOK:
                    found.add(inner)
    return found


def _imports(path: Path, module: str, *, display_hooks: bool = False) -> set[str]:
    """The clausediff modules a file imports, at any depth (function-level imports and
    ``TYPE_CHECKING`` blocks included), but for the notebook's display hooks unless
    *display_hooks* is true."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    hooks = set() if display_hooks else _display_hook_imports(tree)
    for node in ast.walk(tree):
        if node in hooks:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "clausediff")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] == "clausediff":
                found.add(target)
    return found


def test_every_module_has_a_layer() -> None:
    """Each top-level module or subpackage is placed in exactly one layer."""
    tops = {name.split(".")[1] for name, _ in _modules() if "." in name}
    assert tops == set(_LAYER_OF)


@pytest.mark.parametrize(("module", "path"), _modules(), ids=[m for m, _ in _modules()])
def test_imports_go_downwards(module: str, path: Path) -> None:
    """No module imports a higher layer than its own."""
    if module == "clausediff":
        return  # the front door re-exports from every layer
    mine = _layer(module)
    upward = sorted(t for t in _imports(path, module) if _layer(t) > mine)
    assert upward == [], f"{module} (layer {mine}) imports {upward}"


def test_display_hooks_are_the_only_exception() -> None:
    """The display hooks that call the notebook renderers up the layers are exactly those of
    the model and result types a notebook shows, and the layer test sees them when asked."""
    hooks = {
        module
        for module, path in _modules()
        if _display_hook_imports(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert hooks == {
        "clausediff.model",
        "clausediff.match.compare",
        "clausediff.match.align",
        "clausediff.corpus.search",
        "clausediff.corpus.lineage",
        "clausediff.corpus.facade",
    }
    model = PACKAGE / "model.py"
    assert NOTEBOOK in _imports(model, "clausediff.model", display_hooks=True)
    assert NOTEBOOK not in _imports(model, "clausediff.model")


def test_report_never_reads_the_command_line() -> None:
    """The renderers import result types at most, never ``clausediff.cli``."""
    for module, path in _modules():
        if module.startswith("clausediff.report"):
            assert not any(t.startswith("clausediff.cli") for t in _imports(path, module))


def test_layer_test_catches_an_upward_import(tmp_path: Path) -> None:
    """The layer test is not vacuous: an import of ``corpus`` from ``model`` is seen as one."""
    bad = tmp_path / "model.py"
    bad.write_text("def f():\n    from clausediff.corpus.search import Hit\n", encoding="utf-8")
    imported = _imports(bad, "clausediff.model")
    assert imported == {"clausediff.corpus.search"}
    assert _layer("clausediff.corpus.search") > _layer("clausediff.model")


# --- the front door ---------------------------------------------------------------------------


def _submodule_names() -> set[str]:
    return {info.name for info in pkgutil.iter_modules(clausediff.__path__)}


def test_no_public_name_is_a_submodule() -> None:
    """No exported name is also the name of a module or subpackage of ``clausediff``."""
    assert set(clausediff.__all__) & _submodule_names() == set()


def test_all_comes_from_the_table() -> None:
    """``__all__`` is the export table's names (sorted) and ``__version__``, nothing else."""
    table: dict[str, str] = clausediff._EXPORTS
    assert clausediff.__all__ == sorted([*table, "__version__"])
    assert dir(clausediff) == clausediff.__all__


def test_type_checking_names_match_the_table() -> None:
    """The names the front door shows type checkers are exactly the table's, from the same
    modules."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    shown: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                for alias in statement.names:
                    assert alias.asname == alias.name  # "X as X": an explicit re-export
                    shown[alias.name] = statement.module or ""
    assert shown == clausediff._EXPORTS


@pytest.mark.parametrize("name", sorted(clausediff._EXPORTS))
def test_public_name_resolves_to_its_definition(name: str) -> None:
    """Each public name is the object its module defines, never a module."""
    value = getattr(clausediff, name)
    assert not isinstance(value, types.ModuleType)
    assert value is getattr(importlib.import_module(clausediff._EXPORTS[name]), name)


_EVERY_ORDER = """
import importlib, pkgutil, types, sys
order = sys.argv[1]
names = [
    info.name
    for info in pkgutil.walk_packages(["{package}"], "clausediff.")
    if info.name != "clausediff.__main__"  # importing it runs the command line
]
if order == "submodules-first":
    for name in names:
        importlib.import_module(name)
    import clausediff
elif order == "front-door-first":
    import clausediff
    for name in names:
        importlib.import_module(name)
elif order == "corpus-then-front-door":
    import clausediff.corpus, clausediff
else:
    import clausediff
bad = [n for n in clausediff.__all__ if isinstance(getattr(clausediff, n), types.ModuleType)]
assert not bad, bad
assert callable(clausediff.catalog) and callable(clausediff.normalize)
assert "nato-1949.en" in clausediff.catalog()
assert clausediff.normalize("Co\\u2011operation") == "cooperation"
print("ok")
"""


@pytest.mark.parametrize(
    "order", ["fresh", "submodules-first", "front-door-first", "corpus-then-front-door"]
)
def test_front_door_in_every_import_order(order: str) -> None:
    """In a fresh interpreter, whatever was imported first, every public name is what the
    table says (once ``clausediff.catalog()`` raised TypeError after ``import
    clausediff.corpus``)."""
    script = _EVERY_ORDER.replace("{package}", str(PACKAGE))
    result = subprocess.run(
        [sys.executable, "-c", script, order],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


# --- the renderer registry ----------------------------------------------------------------------


def test_renderer_registry_names_real_types_and_functions() -> None:
    """Every registered result type is a class of the package, and every renderer a function
    of the one signature ``(result, *, color)``."""
    import inspect

    from clausediff.report import RENDERERS

    for type_path, formats in RENDERERS.items():
        module_name, _, class_name = type_path.partition(":")
        assert inspect.isclass(getattr(importlib.import_module(module_name), class_name))
        for target in formats.values():
            module_name, _, function_name = target.partition(":")
            function = getattr(
                importlib.import_module(f"clausediff.report.{module_name}"), function_name
            )
            parameters = list(inspect.signature(function).parameters.values())
            assert parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
            assert parameters[1].name == "color"
            assert parameters[1].kind is inspect.Parameter.KEYWORD_ONLY
            assert all(p.default is not inspect.Parameter.empty for p in parameters[1:])
