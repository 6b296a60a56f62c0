"""Safe YAML reading that keeps where every value stood.

The document is composed into nodes (no Python objects are ever constructed from tags) and
turned into plain dicts, lists and scalars by hand, so that duplicate keys, foreign tags and
alias bombs are refused with the line and column of the offending node.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem

try:  # the C composer is several times faster; fall back to pure Python where absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[Any, ...]
Marks = dict[Path, tuple[int, int]]

#: Nodes one document may expand to; aliases re-use nodes, so a billion-laughs file trips it.
MAX_NODES = 500_000
#: How deeply collections may nest; articles need five or six levels.
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
_SCALARS = {_TAG + name for name in ("str", "null", "bool", "int", "float", "timestamp")}


class YamlProblem(Exception):
    """Reading stopped at a problem; carries the line and column of the node."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    def to_problem(self, file: str) -> Problem:
        """The same problem, naming the file."""
        return Problem(file, self.message, self.line, self.column)


def _mark(node: Node) -> tuple[int, int]:
    """One-based line and column where a node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def _fail(message: str, node: Node) -> YamlProblem:
    """A YamlProblem placed at a node."""
    return YamlProblem(message, *_mark(node))


def _check_flow_depth(text: str) -> None:
    """Refuse absurd bracket nesting before the composer recurses into it."""
    depth = 0
    for line_no, line in enumerate(text.splitlines(), 1):
        for col, ch in enumerate(line, 1):
            if ch in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", line_no, col)
            elif ch in "]}":
                depth = max(0, depth - 1)
            elif ch == "#" and depth == 0:
                break


def load(text: str) -> tuple[Any, Marks]:
    """Parse one YAML document into plain data plus the (line, column) of every path in it."""
    _check_flow_depth(text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if "found character '\\t'" in message or "'\\t'" in message:
            message += " (indent with spaces, not tabs)"
        if mark is None:
            raise YamlProblem(f"YAML syntax error: {message}") from None
        raise YamlProblem(f"YAML syntax error: {message}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels") from None
    if root is None:
        raise YamlProblem("the file holds no YAML document (it is empty or only comments)")
    marks: Marks = {}
    budget = [MAX_NODES]
    return _convert(root, (), marks, budget, 0), marks


_constructor = SafeConstructor()


def _scalar(node: ScalarNode) -> Any:
    """The Python value of a plain scalar; timestamps stay text, other tags are refused."""
    tag = node.tag
    if tag not in _SCALARS:
        shown = tag.replace(_TAG, "!!") if tag.startswith(_TAG) else tag
        raise _fail(f"tag {shown} is not allowed (content is plain YAML: text, numbers, lists, maps)", node)
    if tag in (_TAG + "str", _TAG + "timestamp"):
        return node.value
    try:
        return {
            _TAG + "null": _constructor.construct_yaml_null,
            _TAG + "bool": _constructor.construct_yaml_bool,
            _TAG + "int": _constructor.construct_yaml_int,
            _TAG + "float": _constructor.construct_yaml_float,
        }[tag](node)
    except (ConstructorError, ValueError) as exc:
        raise _fail(f"bad scalar {node.value!r}: {exc}", node) from None


def _convert(node: Node, path: Path, marks: Marks, budget: list[int], depth: int) -> Any:
    """Turn a node into plain data, recording marks and enforcing the size and depth caps."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _fail(f"document expands to more than {MAX_NODES} values (an alias bomb?)", node)
    if depth > MAX_DEPTH:
        raise _fail(f"nesting deeper than {MAX_DEPTH} levels", node)
    marks[path] = _mark(node)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if node.tag not in (_TAG + "seq", _TAG + "map"):
        raise _fail(f"tag {node.tag} is not allowed (content is plain YAML)", node)
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), marks, budget, depth + 1) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == _TAG + "merge":
            raise _fail("merge keys (<<) are not supported; write the keys out", key_node)
        if not isinstance(key_node, ScalarNode):
            raise _fail("a key must be plain text, not a list or map", key_node)
        key = _scalar(key_node)
        if not isinstance(key, str):
            key = str(key).lower() if isinstance(key, bool) else str(key)
        if key in out:
            line, _ = marks[path + (key,)]
            raise _fail(f"duplicate key {key!r} (first given on line {line})", key_node)
        out[key] = _convert(value_node, path + (key,), marks, budget, depth + 1)
        if not isinstance(value_node, ScalarNode):
            # a block list or map starts on the next line; its key is where a person looks
            marks[path + (key,)] = _mark(key_node)
    return out
