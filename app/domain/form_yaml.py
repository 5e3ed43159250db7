"""Reading a form file's YAML strictly: plain data only.

``yaml.SafeLoader`` that also refuses explicit tags, anchors/aliases (billion laughs) and duplicate
keys (which ``safe_load`` silently keeps the last of, dropping clinical text without a word). Every
problem is a one-line :class:`FormInvalid` naming file, place and problem.
"""
from __future__ import annotations

from typing import Any

import yaml

from .errors import FormInvalid

FILE = "<file>"


class _Refused(yaml.MarkedYAMLError):
    pass


class _StrictSafeLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that also refuses explicit tags, anchors/aliases and duplicate keys.

    The accepted documents load exactly as ``yaml.safe_load`` would load them.
    """

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(problem=f"YAML aliases (*{event.anchor}) are not allowed",
                           problem_mark=event.start_mark)
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise _Refused(problem=f"YAML tag '{_short(tag)}' is not allowed (plain data only)",
                           problem_mark=event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise _Refused(problem=f"YAML anchors (&{event.anchor}) are not allowed",
                           problem_mark=event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # noqa: ANN001
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:
                    continue
                if duplicate:
                    raise _Refused(problem=f"duplicate key {show(key)}",
                                   problem_mark=key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)



def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def one_line(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show(value: Any) -> str:
    """A value for an error message: short, one line."""
    return one_line(repr(value), 60)


def load_yaml(text: str, file: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictSafeLoader)  # noqa: S506 - strict SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else FILE
        problem = exc.problem or exc.context or "YAML error"
        if not isinstance(exc, _Refused):
            problem = f"YAML syntax error: {problem}"
            if exc.context and exc.problem:
                problem += f" ({exc.context})"
        raise FormInvalid(file, where, one_line(problem)) from None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        raise FormInvalid(file, FILE, one_line(f"YAML error: {exc}")) from None
    except RecursionError:  # PyYAML's composer recurses once per nesting level
        raise FormInvalid(file, FILE, "nested too deeply") from None


def join(path: str, key: str | int) -> str:
    """A place in the document for an error message: ``checklist[3].blocking``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def kind_of(value: Any) -> str:
    """What a value is, in words, for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
