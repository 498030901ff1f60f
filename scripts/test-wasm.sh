#!/usr/bin/env bash
# The WASM stage: installs what the build needs (the wasm32 target, the wasm-bindgen command of
# the crate's pinned version, the npm tooling from the committed lockfiles), builds the npm
# package service-catalog-wasm (size budget checked by the build), runs the Node package's
# shared JS suite against it, then the editor page's browser test in headless Chromium.
# Idempotent; needs rustup, cargo, node 18+ with npm on PATH. Honours CARGO_TARGET_DIR.
# The browser test needs /usr/bin/chromium (Debian's `chromium`); it installs it with apt-get
# when it is missing and this runs as root, and fails with what to do otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

banner() {
    printf '\n==> %s\n' "$*"
}

wasm_bindgen_version="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' bindings-wasm/Cargo.toml)"

banner "wasm: toolchain (wasm32-unknown-unknown, wasm-bindgen $wasm_bindgen_version)"
if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    rustup target add wasm32-unknown-unknown
fi
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wasm_bindgen_version" ]]; then
    # Not --locked: the CLI's own lockfile pins crates this registry mirror rejects.
    cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

banner "wasm: npm install (bindings-node for the shared suite, bindings-wasm)"
# `npm ci` rejects lockfiles that list other platforms' optional packages the mirror lacks.
(cd bindings-node && npm install --no-audit --no-fund)
(cd bindings-wasm && npm install --no-audit --no-fund)

banner "wasm: build the package (web and nodejs targets, wasm-opt -Oz)"
(cd bindings-wasm && npm run build)

banner "wasm: the shared JS suite against the wasm build"
(cd bindings-wasm && npm test)

banner "wasm: the declarations type-check (tsc --noEmit)"
(cd bindings-wasm && npm run typecheck)

banner "wasm: the editor page in headless Chromium"
if [[ ! -x /usr/bin/chromium ]]; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq chromium
    else
        echo "error: the browser test needs /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2
        exit 1
    fi
fi
(cd bindings-wasm && npm run test:browser)
