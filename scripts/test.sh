#!/usr/bin/env bash
# The one test command: everything CI checks, in the order CI checks it.
# Idempotent; needs rustup, cargo, python3 and node/npm on PATH and network access for
# crates (and, in later stages, PyPI and npm packages).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

target_dir="${CARGO_TARGET_DIR:-target}"

banner() {
    printf '\n==> %s\n' "$*"
}

stage_rust() {
    banner "rust: toolchain components"
    cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
    cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

    banner "rust: format"
    cargo fmt --all -- --check

    banner "rust: clippy"
    cargo clippy --workspace --all-targets -- -D warnings

    banner "rust: tests"
    cargo test --workspace

    banner "rust: JSON Schemas match the code (and the rest of core with the schema feature)"
    cargo clippy -p service-catalog --features schema --all-targets -- -D warnings
    cargo test -p service-catalog --features schema

    banner "rust: release build of the command line"
    cargo build --release -p service-catalog-cli

    banner "rust: benchmarks compile"
    cargo bench --workspace --no-run

    banner "rust: smoke run on examples/control-center"
    "$target_dir/release/service-catalog" check examples/control-center
}

stage_wasm() {
    banner "wasm: target wasm32-unknown-unknown"
    if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
        rustup target add wasm32-unknown-unknown
    fi

    banner "wasm: core without fs and the binding build for wasm32"
    cargo clippy -p service-catalog --target wasm32-unknown-unknown --no-default-features -- -D warnings
    cargo clippy -p service-catalog-wasm --target wasm32-unknown-unknown -- -D warnings

    bash scripts/test-wasm.sh
}

stage_python() {
    bash scripts/test-python.sh -q

    banner "python: schemas accept the example and the corpus"
    .venv/bin/python schemas/validate.py
}

stage_render() {
    banner "render: generated docs, graphs and manifests through their validators"
    bash scripts/test-render.sh
}

stage_node() {
    bash scripts/test-node.sh
}

main() {
    stage_rust
    stage_python
    stage_node
    stage_wasm
    stage_render
    banner "all stages passed"
}

main "$@"
