#!/usr/bin/env bash
# The render stage: renders every kind for examples/control-center with the release command
# line and checks each output with the tool its users would use:
#   compose  the Compose Specification's JSON Schema (schemas/vendor/compose-spec.json) with
#            jsonschema, for every project and each of its environments
#   k8s      kubernetes-validate --strict (Kubernetes 1.37 schemas), for the same
#   dot      Graphviz `dot -Tsvg`, the whole graph and every service's neighbourhood
#   mermaid  mermaid's own parser in Node (scripts/render-check), the same graphs and the
#            diagram of the committed TOPOLOGY.md
# Idempotent. Installs what is missing: the repository's .venv (python3 -m venv) with pinned
# packages, Debian's graphviz (apt-get), and the npm packages of scripts/render-check's
# lockfile. Needs cargo, python3 (3.11 or newer), node 20.19+ and npm. Honours CARGO_TARGET_DIR.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
tree=examples/control-center
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

banner() {
    printf '\n==> %s\n' "$*"
}

banner "render: tools"
venv="$PWD/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
python="$venv/bin/python"
"$python" -m pip install --quiet --disable-pip-version-check \
    jsonschema==4.26.0 kubernetes-validate==1.37.0 PyYAML==6.0.3
if ! command -v dot >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
    "${apt_get[@]}" install -y graphviz >/dev/null 2>&1 ||
        { "${apt_get[@]}" update >/dev/null && "${apt_get[@]}" install -y graphviz >/dev/null; }
fi
dot -V
# `npm ci` rejects lockfiles the registry mirror cannot satisfy for other platforms;
# `npm install` with the committed lockfile installs the same versions.
(cd scripts/render-check && npm install --no-audit --no-fund --loglevel=error)

banner "render: release build of the command line"
cargo build --release -p service-catalog-cli
cli="$target_dir/release/service-catalog"

banner "render: every kind for $tree"
# What to render, from the tree itself: `deploy PROJECT ENVIRONMENT` for the project's own
# environment and each of deployment.toml's, `service ID` for every service.
plan="$("$python" - "$tree" <<'EOF'
import sys, tomllib
from pathlib import Path

root = Path(sys.argv[1])
files = [root / "services" / "catalog.toml", *sorted(root.glob("projects/*/services.toml"))]
for path in files:
    if not path.exists():
        continue
    data = tomllib.loads(path.read_text())
    for service in data.get("service", {}):
        print("service", service)
    if path.name != "services.toml":
        continue
    own = data.get("project", {}).get("environment")
    names = [own] if own else []
    deployment = path.parent / "deployment.toml"
    if deployment.exists():
        names += [n for n in tomllib.loads(deployment.read_text()).get("environment", {}) if n not in names]
    for name in names:
        print("deploy", path.parent.name, name)
EOF
)"
while read -r what id environment; do
    case "$what" in
        deploy)
            for kind in compose k8s; do
                "$cli" render "$kind" "$tree" --project "$id" --environment "$environment" \
                    --out "$out/$kind-$id-$environment.yaml"
            done
            ;;
        service)
            "$cli" graph "$tree" --format mermaid --service "$id" --depth 2 --out "$out/graph-$id.mmd"
            "$cli" graph "$tree" --format dot --service "$id" --depth 2 --out "$out/graph-$id.dot"
            ;;
    esac
done <<<"$plan"
"$cli" render topology-md "$tree" --out "$out/TOPOLOGY.md"
"$cli" graph "$tree" --format mermaid --out "$out/graph.mmd"
"$cli" graph "$tree" --format dot --out "$out/graph.dot"
echo "rendered $(find "$out" -type f | wc -l) files"

failed=0

banner "render: compose files against the Compose Specification schema"
"$python" - schemas/vendor/compose-spec.json "$out"/compose-*.yaml <<'EOF' || failed=1
import json, sys
import jsonschema, yaml

schema = json.load(open(sys.argv[1]))
# The schema names draft 2019-09 as `http://json-schema.org/draft/2019-09/schema#`, a spelling
# jsonschema does not look up: name the draft here instead.
jsonschema.Draft201909Validator.check_schema(schema)
validator = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
bad = 0
for path in sys.argv[2:]:
    document = yaml.safe_load(open(path))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        print(f"FAILED {path}: {where}: {error.message}")
    if errors:
        bad += 1
    else:
        print(f"ok     {path} ({len(document['services'])} services)")
print(f"compose: {len(sys.argv) - 2 - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
EOF

banner "render: k8s manifests with kubernetes-validate --strict"
manifests=("$out"/k8s-*.yaml)
if "$venv/bin/kubernetes-validate" --strict --quiet "${manifests[@]}"; then
    echo "k8s: ${#manifests[@]} passed, 0 failed"
else
    failed=1
fi

banner "render: DOT to SVG with graphviz"
dot_passed=0
dot_failed=0
for graph in "$out"/*.dot; do
    if dot -Tsvg "$graph" -o "${graph%.dot}.svg" && grep -q '<svg' "${graph%.dot}.svg"; then
        dot_passed=$((dot_passed + 1))
    else
        echo "FAILED $graph"
        dot_failed=$((dot_failed + 1))
    fi
done
echo "dot: $dot_passed passed, $dot_failed failed"
[ "$dot_failed" -eq 0 ] || failed=1

banner "render: Mermaid with mermaid's parser"
node scripts/render-check/parse-mermaid.mjs "$out"/*.mmd "$out/TOPOLOGY.md" "$tree/docs/TOPOLOGY.md" ||
    failed=1

if [ "$failed" -ne 0 ]; then
    echo "error: a rendering did not validate" >&2
    exit 1
fi
banner "render: every output validated"
