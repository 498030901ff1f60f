#!/usr/bin/env python3
"""Validate control-center trees against the JSON Schemas of this folder.

    python3 schemas/validate.py [PATH ...]

Each PATH is a tree's root or a conformance case (a folder with `tree/` and `expected.json`).
Without PATH: `examples/control-center` and every case of `tests/cases/`.

A file of a tree must validate against the schema of its kind. In a case, the files the expected
report holds no parse or schema finding for must validate, and the files it holds a finding for
that a schema can express (invalid TOML, an unknown field, a value of the wrong form, a missing
field) must not: the schemas are then neither stricter nor looser than the
loader on the corpus.

Needs Python 3.11 or later (`tomllib`) and the `jsonschema` package; installs nothing.
Exit status: 0 when every check holds, 1 otherwise, 2 when it cannot run.
"""

import datetime
import fnmatch
import json
import sys
import tomllib
from pathlib import Path

try:
    import jsonschema
except ImportError:
    print("error: schemas/validate.py needs the jsonschema package (pip install jsonschema)", file=sys.stderr)
    sys.exit(2)

SCHEMAS = Path(__file__).resolve().parent
REPOSITORY = SCHEMAS.parent

# Which schema describes which file of a tree (format section 1).
KINDS = [
    ("services/catalog.toml", "catalog"),
    ("services/patterns.toml", "patterns"),
    ("services/versions.toml", "versions"),
    ("projects/*/services.toml", "project"),
    ("projects/*/deployment.toml", "deployment"),
    ("projects/*/monitoring.toml", "monitoring"),
    ("policies/security.toml", "security"),
    ("policies/compliance.toml", "compliance"),
    ("policies/sla.toml", "sla"),
]

# Findings about one file's form that its schema expresses too. Not `schema/duplicate-item`: a
# schema sees a list item repeated verbatim (`uniqueItems`) but not the same dependency written
# twice in different forms, nor a port number repeated under another name.
EXPRESSIBLE = {
    "parse",
    "schema/unknown-field",
    "schema/invalid-value",
    "schema/missing-field",
}


def kind_of(relative):
    """The schema name for a file of a tree, or None when the format ignores the file."""
    parts = relative.split("/")
    for pattern, kind in KINDS:
        wanted = pattern.split("/")
        if len(parts) == len(wanted) and all(fnmatch.fnmatchcase(p, w) for p, w in zip(parts, wanted)):
            return kind
    return None


def to_json(value):
    """A `tomllib` value as a validator sees it: dates and times become ISO strings."""
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_json(item) for item in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def load_validators():
    validators = {}
    for _, kind in KINDS:
        schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft7Validator(
            schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
        )
    return validators


def errors_of(validators, root, relative):
    """What the schema of the file's kind says about it: a list of messages."""
    try:
        document = tomllib.loads((root / relative).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return [f"not valid TOML: {error}"]
    found = validators[kind_of(relative)].iter_errors(to_json(document))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]


def tree_files(root):
    files = (p.relative_to(root).as_posix() for p in root.rglob("*.toml") if p.is_file())
    return sorted(f for f in files if kind_of(f))


def check_tree(validators, root, expected_findings):
    """Checks one tree; `expected_findings` maps a file to its expected codes (None: all valid)."""
    problems, checked = [], 0
    for relative in tree_files(root):
        checked += 1
        errors = errors_of(validators, root, relative)
        codes = (expected_findings or {}).get(relative, set())
        form = {c for c in codes if c == "parse" or c.startswith("schema/")}
        if not form:
            problems += [f"{relative}: {e}" for e in errors]
        elif form & EXPRESSIBLE and not errors:
            found = ", ".join(sorted(form & EXPRESSIBLE))
            problems.append(f"{relative}: the loader reports {found} but the schema accepts the file")
    return checked, problems


def targets(arguments):
    if arguments:
        return [Path(a) for a in arguments]
    found = [REPOSITORY / "examples" / "control-center"]
    found += sorted(p for p in (REPOSITORY / "tests" / "cases").glob("*") if p.is_dir())
    return [p for p in found if p.exists()]


def main(arguments):
    validators = load_validators()
    total, failed = 0, 0
    for target in targets(arguments):
        resolved = target.resolve()
        name = resolved.relative_to(REPOSITORY) if resolved.is_relative_to(REPOSITORY) else target
        if not target.is_dir():
            print(f"error: {target} is not a directory", file=sys.stderr)
            return 2
        expected_path = target / "expected.json"
        if (target / "tree").is_dir():
            if not expected_path.is_file():
                print(f"skip {name}: no expected.json")
                continue
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
            findings = {}
            for diagnostic in expected.get("diagnostics", []):
                findings.setdefault(diagnostic["file"], set()).add(diagnostic["code"])
            checked, problems = check_tree(validators, target / "tree", findings)
        else:
            checked, problems = check_tree(validators, target, None)
        total += checked
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"ok   {name} ({checked} files)")
    print(f"{total} files checked, {failed} trees with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
