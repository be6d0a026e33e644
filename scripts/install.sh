#!/usr/bin/env bash
# Install kg and everything it needs into ./.venv, from nothing.
# torch comes first as the CPU build: left to itself, pip would pull a multi-GB CUDA build for stanza.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  # 2.13.0 is the CPU wheel this project's machines carry; elsewhere install a CPU torch first (see README)
  .venv/bin/python -m pip install --quiet "torch==2.13.0"
fi
.venv/bin/python -m pip install --quiet -e ".[dev]"
echo "kg installed in .venv (run: .venv/bin/kg --help)"
