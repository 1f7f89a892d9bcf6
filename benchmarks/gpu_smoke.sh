#!/usr/bin/env bash
# A prepared check for a GPU machine (under 10 minutes): every benchmark's fixture on CUDA with autocast, once in one
# process and once under torchrun, then the step-cost ratios on CUDA. Output: benchmarks/results/gpu_smoke-<date>.txt
#
#   bash benchmarks/gpu_smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out="benchmarks/results/gpu_smoke-$(date +%F).txt"; mkdir -p benchmarks/results
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TQDM_DISABLE=1
tmp=$(mktemp -d)
{
  echo "date: $(date -Iseconds)"; python -c "import torch; print('device:', torch.cuda.get_device_name(), '| capability', torch.cuda.get_device_capability(), '| torch', torch.__version__)"
  for ds in mosi mustard urfunny hateful_memes cremad_irony; do
    /usr/bin/time -f "$ds, one process: %e s" synib bench "$ds" --fixture --seeds 0 --out "$tmp/one" --num-workers 2 >/dev/null
  done
  /usr/bin/time -f "mosi, torchrun x2: %e s" torchrun --standalone --nproc_per_node 2 -m synib.cli bench mosi --fixture --seeds 0 --out "$tmp/ddp" >/dev/null
  python -c "
import json, pathlib
a = json.loads(pathlib.Path('$tmp/one/mosi-fixture/results.json').read_text())
b = json.loads(pathlib.Path('$tmp/ddp/mosi-fixture/results.json').read_text())
print('mosi fixture, rows equal in one process and under torchrun:', [r['row'] for r in a['rows']] == [r['row'] for r in b['rows']])"
  python benchmarks/step_cost.py --device cuda --repeat 20 --skip-hm | tail -1
} 2>&1 | tee "$out"
rm -rf "$tmp"
