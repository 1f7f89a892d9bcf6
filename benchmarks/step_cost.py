"""Time per training step of SynIB against plain cross-entropy, for the three ways of running the masked passes.

    python benchmarks/step_cost.py [--batch 256 --dim 256 --width 512 --depth 3 --repeat 15]

Variants (see `synib.perf.step_costs`): (a) input-level masking with the M masked copies stacked into one forward
call of an opaque model, (b) the naive one call per masked modality, (a') input-level masking of a late-fusion model
(each masked modality encoded once, the fusion head re-run), (c) feature-level masking (encoders run once, only the
fusion head re-run). Mask: whole-modality noise, which changes every sample (sparse masks re-run fewer samples).
Model: per-modality MLP encoders (`depth` x `width`) and a small fusion head. One torch thread on the CPU, CPU time
per step (median of interleaved repeats); on CUDA, wall time with synchronisation.

Where the time goes (torch.profiler, one CPU thread, M = 3, batch 256, width 512, per step):
* plain CE (25 ms): matrix multiplies, forward (addmm 7.3 ms) and backward (mm 15.1 ms), are 80% of the step,
  almost all in the encoders; ReLU, the optimiser and copies the rest.
* (c) adds about 8 ms: the fusion head on the M*B stacked copies, forward and backward (+3.1 ms of mm/addmm), the
  concatenations that build the stacked copies and their backward (+2.1 ms: memory-bound copies), the noise fill
  (`normal_`, +1.4 ms: the CPU random generator, ~3.5 ns a number) and the extra gradient accumulation into the
  kept modalities' features (+0.4 ms). Masks fill with `torch.lerp` on float weights: a boolean `torch.where`
  was 8x slower on this CPU. Removing the copies would need a fusion head that takes the stacked copies without
  materialising them (e.g. a first linear layer split per modality, whose clean products are reused).
* (a)/(b) re-run every encoder on every masked copy: (1 + M) times the encoder work, whatever the batching; on one CPU
  thread batching only saves per-call overhead, so (a) beats (b) clearly only for small models (the second table).
* The paper's MOSI model (5-layer transformer encoders, batch 32): the encoders are nearly all of the step, so
  feature-level SynIB with the paper's random mask costs a few percent. Where the fusion head is the heavy part
  (Hateful Memes: cached backbone tokens, a 2-layer transformer fusion; `paper_step_costs(("hateful_memes",))`,
  slow on a CPU) feature-level SynIB costs about one more fusion pass per modality: 3.5x CE measured here.
"""
import argparse

import torch

from synib.perf import step_costs, paper_step_costs, format_rows

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
    paper = paper_step_costs(("mosi",), repeat=max(3, a.repeat // 3))
    print("the paper's benchmark models at their real size (random inputs of the real shapes), cpu")
    print(format_rows(paper, ["model", "variant", "ms", "ratio"], fmt), "\n")
    r = {(x["device"], x["M"], x["variant"]): x["ratio"] for x in heavy["cpu"]}
    s = {(x["M"], x["variant"]): x["ratio"] for x in small}
    mosi = next(x["ratio"] for x in paper if x["variant"].startswith("(c)"))
    print(f"ratio: SynIB/CE step at feature level (c), target <= 1.25: paper MOSI model {mosi:.2f}, "
          f"MLP encoders M=2 {r['cpu', 2, '(c) feature level']:.2f} M=3 {r['cpu', 3, '(c) feature level']:.2f}; "
          f"input-level batched/naive (a)/(b), target < 1: small model M=2 {s[2, '(a) input, batched'] / s[2, '(b) input, naive']:.2f}, "
          f"heavy M=2 {r['cpu', 2, '(a) input, batched'] / r['cpu', 2, '(b) input, naive']:.2f}")

if __name__ == "__main__": main()
