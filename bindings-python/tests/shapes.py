"""Checks plain data against the package's TypedDicts, at run time, so the types cannot drift
from what the native module really returns."""

import datetime
from typing import Any, Dict, List, Literal, Union, get_args, get_origin, get_type_hints


def is_typed_dict(tp: Any) -> bool:
    """True for a TypedDict class."""
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


def conforms(value: Any, tp: Any, where: str = "value") -> List[str]:
    """Every way `value` differs from the type `tp`, as `where: problem` lines (none if it fits)."""
    origin = get_origin(tp)
    if tp is Any:
        return []
    if is_typed_dict(tp):
        if not isinstance(value, dict):
            return [f"{where}: expected a dict for {tp.__name__}, found {value!r}"]
        hints = get_type_hints(tp)
        problems = [
            f"{where}: missing key {k!r}" for k in sorted(tp.__required_keys__ - value.keys())
        ]
        problems += [
            f"{where}: key {k!r} is not in {tp.__name__}"
            for k in sorted(value.keys() - hints.keys())
        ]
        for key in sorted(value.keys() & hints.keys()):
            problems += conforms(value[key], hints[key], f"{where}.{key}")
        return problems
    if origin is Union:
        options = [conforms(value, option, where) for option in get_args(tp)]
        if any(not problems for problems in options):
            return []
        return [f"{where}: {value!r} is none of {tp}"]
    if origin is Literal:
        return [] if value in get_args(tp) else [f"{where}: {value!r} is not one of {get_args(tp)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: expected a list, found {value!r}"]
        (item,) = get_args(tp)
        return [p for i, v in enumerate(value) for p in conforms(v, item, f"{where}[{i}]")]
    if origin is tuple:
        items = get_args(tp)
        if not isinstance(value, tuple) or len(value) != len(items):
            return [f"{where}: expected a {len(items)}-tuple, found {value!r}"]
        return [
            p for i, (v, t) in enumerate(zip(value, items)) for p in conforms(v, t, f"{where}[{i}]")
        ]
    if tp is type(None):
        return [] if value is None else [f"{where}: expected None, found {value!r}"]
    if tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else [f"{where}: expected an int, found {value!r}"]
    if tp is datetime.date:
        ok = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
        return [] if ok else [f"{where}: expected a datetime.date, found {value!r}"]
    if tp in (str, bool):
        return (
            [] if isinstance(value, tp) else [f"{where}: expected {tp.__name__}, found {value!r}"]
        )
    raise TypeError(f"{where}: the checker does not know the type {tp}")


def keys_seen(values: List[Any], tp: Any, seen: Dict[str, set], where: str) -> None:
    """Records, per TypedDict path, the keys found in `values` (to prove a tree covers them)."""
    for value in values:
        if is_typed_dict(tp) and isinstance(value, dict):
            seen.setdefault(where, set()).update(value.keys())
            hints = get_type_hints(tp)
            for key in value.keys() & hints.keys():
                keys_seen([value[key]], hints[key], seen, f"{where}.{key}")
        elif get_origin(tp) is list and isinstance(value, list):
            keys_seen(value, get_args(tp)[0], seen, where)
        elif get_origin(tp) is Union:
            for option in get_args(tp):
                keys_seen([value], option, seen, where)


def declared_keys(tp: Any, where: str, out: Dict[str, set]) -> Dict[str, set]:
    """Every TypedDict path under `tp` with the keys it declares."""
    if is_typed_dict(tp):
        hints = get_type_hints(tp)
        out.setdefault(where, set()).update(hints.keys())
        for key, hint in hints.items():
            declared_keys(hint, f"{where}.{key}", out)
    elif get_origin(tp) in (list, Union):
        for arg in get_args(tp):
            declared_keys(arg, where, out)
    return out


def schema_drift(tp: Any, schema: Dict[str, Any]) -> List[str]:
    """Every way the TypedDict `tp` differs from the JSON Schema `schema` (its root object): keys,
    which keys are required, and each value's type, recursively (`$ref`s resolved)."""
    definitions = schema.get("definitions", {})
    problems: List[str] = []
    _compare(tp, schema, definitions, tp.__name__, problems)
    return problems


def _resolve(node: Dict[str, Any], definitions: Dict[str, Any]) -> Dict[str, Any]:
    """`node` with a `$ref` (or a lone `allOf` around one) replaced by its definition."""
    while True:
        if "$ref" in node:
            node = definitions[node["$ref"].rsplit("/", 1)[-1]]
        elif list(node.get("allOf", [])) and len(node["allOf"]) == 1:
            node = node["allOf"][0]
        else:
            return node


def _schema_kind(node: Dict[str, Any], definitions: Dict[str, Any]) -> Any:
    """A comparable description of a schema's type: ("str",), ("optional", inner), …"""
    node = _resolve(node, definitions)
    options = node.get("anyOf") or node.get("oneOf")
    if options:
        kinds = [_schema_kind(o, definitions) for o in options]
        if ("null",) in kinds:
            rest = [k for k in kinds if k != ("null",)]
            inner = rest[0] if len(rest) == 1 else _merge(rest)
            return ("optional", inner)
        return _merge(kinds)
    if "const" in node:
        return ("literal", frozenset([node["const"]]))
    if "enum" in node:
        return ("literal", frozenset(node["enum"]))
    types = node.get("type")
    if isinstance(types, list):
        rest = [t for t in types if t != "null"]
        inner = _schema_kind({**node, "type": rest[0]}, definitions)
        return ("optional", inner) if "null" in types else inner
    if types == "string":
        return ("date",) if node.get("format") == "date" else ("str",)
    if types == "array":
        items = node["items"]
        if isinstance(items, list):
            return ("tuple", tuple(_schema_kind(i, definitions) for i in items))
        return ("list", _schema_kind(items, definitions))
    if types == "object":
        return ("object", node)
    return {"integer": ("int",), "boolean": ("bool",), "null": ("null",)}[types]


def _merge(kinds: List[Any]) -> Any:
    """One kind for a union of kinds: literals merge, and literals plus `str` are `str`."""
    if all(k[0] == "literal" for k in kinds):
        return ("literal", frozenset().union(*(k[1] for k in kinds)))
    if all(k[0] in ("literal", "str") for k in kinds):
        return ("str",)
    raise TypeError(f"the drift check does not know the union {kinds}")


def _python_kind(tp: Any) -> Any:
    """The same description for a Python type annotation."""
    origin, args = get_origin(tp), get_args(tp)
    if is_typed_dict(tp):
        return ("object", tp)
    if origin is Union:
        rest = [a for a in args if a is not type(None)]
        inner = _merge([_python_kind(a) for a in rest]) if len(rest) > 1 else _python_kind(rest[0])
        return ("optional", inner) if len(rest) < len(args) else inner
    if origin is Literal:
        return ("literal", frozenset(args))
    if origin is list:
        return ("list", _python_kind(args[0]))
    if origin is tuple:
        return ("tuple", tuple(_python_kind(a) for a in args))
    return {str: ("str",), int: ("int",), bool: ("bool",), datetime.date: ("date",)}[tp]


def _compare(
    tp: Any, node: Dict[str, Any], definitions: Dict[str, Any], where: str, problems: List[str]
) -> None:
    node = _resolve(node, definitions)
    hints = get_type_hints(tp)
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    if hints.keys() != properties.keys():
        problems.append(f"{where}: keys {sorted(hints)} but the schema has {sorted(properties)}")
    if set(tp.__required_keys__) != required:
        keys = sorted(tp.__required_keys__)
        problems.append(f"{where}: required {keys} but the schema requires {sorted(required)}")
    for key in sorted(hints.keys() & properties.keys()):
        schema_kind = _schema_kind(properties[key], definitions)
        if key not in required and schema_kind[0] == "optional":
            # An absent key, never null: serde skips it.
            schema_kind = schema_kind[1]
        _compare_kinds(
            _python_kind(hints[key]), schema_kind, definitions, f"{where}.{key}", problems
        )


def _compare_kinds(
    python: Any, schema: Any, definitions: Dict[str, Any], where: str, problems: List[str]
) -> None:
    if python[0] != schema[0]:
        problems.append(
            f"{where}: {_describe(python)} in the types but {_describe(schema)} in the schema"
        )
    elif python[0] == "object":
        _compare(python[1], schema[1], definitions, where, problems)
    elif python[0] in ("optional", "list"):
        _compare_kinds(python[1], schema[1], definitions, where, problems)
    elif python[0] == "tuple":
        if len(python[1]) != len(schema[1]):
            problems.append(f"{where}: tuple lengths differ")
        for i, (p, s) in enumerate(zip(python[1], schema[1])):
            _compare_kinds(p, s, definitions, f"{where}[{i}]", problems)
    elif python != schema:
        problems.append(
            f"{where}: {_describe(python)} in the types but {_describe(schema)} in the schema"
        )


def _describe(kind: Any) -> str:
    """A kind in words, literals sorted so messages are stable."""
    if kind[0] == "literal":
        return "one of " + ", ".join(repr(v) for v in sorted(kind[1]))
    return kind[0]
