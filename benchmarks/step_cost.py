"""Time per training step of SynIB against plain cross-entropy, for the three ways of running the masked passes.

    python benchmarks/step_cost.py [--batch 256 --dim 256 --width 512 --depth 3 --repeat 15]

Variants (see `synib.perf.step_costs`): (a) input-level masking with the M masked copies stacked into one forward
call of an opaque model, (b) the naive one call per masked modality, (a') input-level masking of a late-fusion model
(each masked modality encoded once, the fusion head re-run), (c) feature-level masking (encoders run once, only the
fusion head re-run). Mask: whole-modality noise, which changes every sample (sparse masks re-run fewer samples).
Model: per-modality MLP encoders (`depth` x `width`) and a small fusion head. One torch thread on the CPU, CPU time
per step (median of interleaved repeats); on CUDA, wall time with synchronisation.

Where the time goes (torch.profiler, CPU, M = 2, batch 256, width 512; see the closing note of the performance issue
for the numbers measured on the project's machine):
* plain CE: matrix multiplies of the encoders, forward (addmm) and backward (mm), are ~70% of the step; the
  fusion head, ReLU and the optimiser the rest.
* (c) adds the fusion head on M*B rows (forward and backward), the noise fill (`normal_`), and the concatenation
  of the stacked feature copies; the encoders' backward grows only by the gradient the masked passes send back
  through the kept modalities' features.
* (a)/(b) re-run every encoder on every masked copy: (1 + M) times the encoder work, whatever the batching; on one CPU
  thread batching only saves per-call overhead, so (a) beats (b) clearly only for small models (the second table).
"""
import argparse

import torch

from synib.perf import step_costs, format_rows

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--batch", type=int, default=256); p.add_argument("--dim", type=int, default=256)
    p.add_argument("--width", type=int, default=512); p.add_argument("--depth", type=int, default=3)
    p.add_argument("--repeat", type=int, default=15)
    a = p.parse_args()
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    cols, fmt = ["device", "M", "variant", "ms", "ratio"], {"ms": ".2f", "ratio": ".2f"}
    heavy = {d: step_costs((2, 3), a.batch, a.dim, a.width, a.depth, a.repeat, device=d) for d in devices}
    for d, rows in heavy.items():
        print(f"encoder-heavy model, {d}: batch {a.batch}, encoders {a.depth} x {a.width} on {a.dim}-d inputs")
        print(format_rows(rows, cols, fmt), "\n")
    small = step_costs((2, 3), batch=64, dim=32, width=64, depth=2, repeat=3 * a.repeat)
    print("small model, cpu: batch 64, encoders 2 x 64 on 32-d inputs (per-call overhead matters)")
    print(format_rows(small, cols, fmt), "\n")
    r = {(x["device"], x["M"], x["variant"]): x["ratio"] for x in heavy["cpu"]}
    s = {(x["M"], x["variant"]): x["ratio"] for x in small}
    print(f"ratio: SynIB/CE step, feature level (c): M=2 {r['cpu', 2, '(c) feature level']:.2f}, M=3 {r['cpu', 3, '(c) feature level']:.2f} "
          f"(target <= 1.25); input level batched/naive (a)/(b): heavy M=2 {r['cpu', 2, '(a) input, batched'] / r['cpu', 2, '(b) input, naive']:.2f}, "
          f"small M=2 {s[2, '(a) input, batched'] / s[2, '(b) input, naive']:.2f} (target < 1)")

if __name__ == "__main__": main()
