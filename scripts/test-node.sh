#!/usr/bin/env bash
# The Node stage: installs the npm tooling from the committed lockfile, builds the napi addon,
# checks that the committed generated files (index.js, index.d.ts, types/catalog.d.ts) are current,
# runs the node:test suite on the shared corpus and type-checks a typed usage file with tsc.
# Idempotent; needs cargo and node 18+ with npm on PATH. Honours CARGO_TARGET_DIR.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../bindings-node"

banner() {
    printf '\n==> %s\n' "$*"
}

banner "node: npm install"
# `npm ci` rejects a lockfile that lists optional packages of other platforms the registry
# mirror lacks; `npm install` with the committed lockfile installs the same versions.
npm install --no-audit --no-fund

banner "node: napi build (release)"
generated=(index.js index.d.ts)
before="$(mktemp -d)"
trap 'rm -rf "$before"' EXIT
for file in "${generated[@]}"; do
    if [[ -f "$file" ]]; then cp "$file" "$before/$file"; fi
done
npm run build
for file in "${generated[@]}"; do
    if ! cmp -s "$file" "$before/$file"; then
        echo "error: the build regenerated bindings-node/$file; commit the new file" >&2
        exit 1
    fi
done

banner "node: test suite (node:test)"
npm test

banner "node: typed usage (tsc --noEmit)"
npm run typecheck
