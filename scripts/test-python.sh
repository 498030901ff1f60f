#!/usr/bin/env bash
# The Python binding's checks: builds `bindings-python` with maturin, installs it into `.venv`
# at the repository's root (created when missing) together with the pinned test tools, and runs
# its pytest suite (the shared corpus, the API, the command line, mypy, stubtest and the schema
# drift checks). Idempotent. Extra arguments go to pytest.
# Needs python3 (3.9 or newer), cargo, and PyPI for the first run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

venv="$PWD/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# maturin's build backend runs the `maturin` command, so the venv's bin goes first on PATH.
export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"

python -m pip install --quiet --disable-pip-version-check \
    maturin==1.16.0 pytest==9.2.0 mypy==2.4.1 jsonschema==4.26.0

# The same build `pip install ./bindings-python` does, with the pinned maturin instead of a
# freshly downloaded one; reinstalled every time so the suite never tests a stale build.
python -m pip install --quiet --disable-pip-version-check \
    --no-build-isolation --force-reinstall --no-deps ./bindings-python

python -m pytest bindings-python/tests "$@"
