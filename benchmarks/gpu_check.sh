#!/usr/bin/env bash
# Run the GPU-only code paths (tests/test_gpu.py and the trl/unsloth trainer tests) on a machine
# with an NVIDIA GPU, torch and transformers already installed but not the project's other needs.
#
# The missing packages come as wheels in .whl/<set>/ (cp312 manylinux, fetched with `pip download
# --no-deps`), each set installed into its own /tmp/site-<set> so two dependency sets can be tried:
#   common   pydantic, llguidance, jsonschema, peft, dill/multiprocess ... (needed by both)
#   trl      trl 1.16 + datasets 5.2: the versions of the CPU venv (`[train]` extra)
#   unsloth  unsloth + unsloth_zoo + trl 1.15 + datasets 4.8: what unsloth's pins allow (`[gpu]`)
#   bnb      bitsandbytes (unsloth's model patching needs it even for 16-bit LoRA); the wheel is
#            slimmed to its CUDA 13 and CPU libraries to fit the 64 MiB a device call can carry
#   torchao  optional for unsloth; dropped if `import unsloth` fails with it
# Usage: bash benchmarks/gpu_check.sh      (log in $OUT/gpu_check.log, OUT defaults to a temp dir)
#        PHASES=B bash benchmarks/gpu_check.sh   (A: trl/peft with the CPU venv's versions, B: unsloth's)
set -u -o pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$(mktemp -d)}
LOG=$OUT/gpu_check.log
PY=${PY:-python3}
PHASES=${PHASES:-A B}
WHL=${WHL:-.whl}
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 \
       UNSLOTH_DISABLE_STATISTICS=1 TOKENIZERS_PARALLELISM=false
PYTEST=(-m pytest -q -rs -s -p no:cacheprovider --timeout 300)
started=$SECONDS

section() { echo; echo "==== $* ($((SECONDS - started)) s)"; }

install_set() {  # install .whl/$1/*.whl into /tmp/site-$1
    [ -d "$WHL/$1" ] || { echo "no $WHL/$1: set $1 skipped"; return 1; }
    $PY -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
        --target "/tmp/site-$1" "$WHL/$1"/*.whl || { echo "INSTALL FAILED: $1"; return 1; }
}

versions() {
    $PY - <<'EOF'
import importlib.metadata as md, sys
import torch
print("python", sys.version.split()[0], "| torch", torch.__version__, "| cuda", torch.version.cuda,
      "| gpu", torch.cuda.get_device_name() if torch.cuda.is_available() else None,
      "| bf16", torch.cuda.is_available() and torch.cuda.is_bf16_supported())
names = ["transformers", "trl", "datasets", "peft", "accelerate", "huggingface_hub", "tokenizers", "pydantic",
         "llguidance", "fsspec", "pyarrow", "unsloth", "unsloth_zoo", "torchao", "xformers", "bitsandbytes"]
def version(name):
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return "-"
print(" | ".join(f"{n} {version(n)}" for n in names))
EOF
}

main() {
section "machine"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "nvidia-smi failed"
for set in common trl unsloth bnb torchao; do install_set "$set"; done
local status=0

if [[ $PHASES == *A* ]]; then
section "A: trl 1.16 + datasets 5.2 (the CPU venv's versions): tests/test_gpu.py tests/test_finetune_trl.py"
export PYTHONPATH=/tmp/site-trl:/tmp/site-common
versions
timeout 180 $PY "${PYTEST[@]}" tests/test_gpu.py tests/test_finetune_trl.py || status=1
fi

if [[ $PHASES == *B* ]]; then
section "B: unsloth's pins (trl 1.15 + datasets 4.8): probe import unsloth"
UNSLOTH_PATH=/tmp/site-unsloth:/tmp/site-bnb:/tmp/site-torchao:/tmp/site-common
PYTHONPATH=$UNSLOTH_PATH $PY -c "import bitsandbytes as b, bitsandbytes.functional as f; print('bitsandbytes', b.__version__, 'native lib', f.lib is not None)"
if ! PYTHONPATH=$UNSLOTH_PATH timeout 120 $PY -c "import unsloth, unsloth_zoo; print('import unsloth OK', unsloth.__version__)"; then
    echo "import unsloth failed with torchao: retrying without it"
    UNSLOTH_PATH=/tmp/site-unsloth:/tmp/site-bnb:/tmp/site-common
    PYTHONPATH=$UNSLOTH_PATH timeout 90 $PY -c "import unsloth; print('import unsloth OK without torchao')" || status=1
fi
export PYTHONPATH=$UNSLOTH_PATH
versions

section "B: tests/test_gpu.py tests/test_finetune_unsloth.py with unsloth installed"
timeout 300 $PY "${PYTEST[@]}" tests/test_gpu.py tests/test_finetune_unsloth.py || status=1
fi
section "done"
return $status
}

main 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
echo; echo "==== summary (exit $status, log in $LOG)"
grep -a -E "^GPU-CHECK|^==== |[0-9]+ (passed|failed|skipped)|^(FAILED|ERROR|SKIPPED) " "$LOG"
exit "$status"
