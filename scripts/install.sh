#!/usr/bin/env bash
# Install kg and everything it needs into ./.venv, from nothing.
# torch comes first as the CPU build: left to itself, pip would pull a multi-GB CUDA build for stanza.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
pip() { .venv/bin/python -m pip "$@"; }
pip install --quiet --upgrade pip || echo "note: pip could not be upgraded (offline?); going on with $(pip --version)"
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  if [ "$(uname -s)" != Linux ]; then
    pip install --quiet torch  # macOS and Windows: PyPI's torch is the CPU build
  # 1. the pinned CPU wheel where pip finds it without an index (this project's machines carry it
  #    in their pip find-links), then its dependencies from the usual index;
  # 2. else the CPU build from PyTorch's own index (PyPI's Linux torch is the CUDA one)
  elif pip install --quiet --no-index --no-deps "torch==$TORCH_VERSION" 2>/dev/null; then
    pip install --quiet "torch==$TORCH_VERSION"
  else
    echo "torch $TORCH_VERSION is not at hand: installing the CPU build from download.pytorch.org"
    pip install --quiet torch --index-url https://download.pytorch.org/whl/cpu  # which also serves its dependencies
  fi
fi
pip install --quiet -e ".[dev]"
echo "kg installed in .venv (run: .venv/bin/kg --help)"
