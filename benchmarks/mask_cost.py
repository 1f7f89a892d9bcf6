"""What each mask costs per training step on the paper's PID-XOR setup (ratios measured in one run, one CPU thread).

    python benchmarks/mask_cost.py [--repeat 5] [--json benchmarks/results/mask_cost.json]

Setup: the lab's `paper` preset (PID-XOR, the release model: H = 1024 encoders, unimodal heads, batch 64; every mask
acts on the inputs, as in the authors' synthetic runs). Variants: vanilla (λ = 0), the oracle mask M*, the random
mask, the learned mask at the paper's settings (20 inner Adam steps) and the lab's `learned-local` preset (3
warm-started steps). For each: milliseconds per optimiser step, the ratio to vanilla, and the ratio of floating-point
work in one step (torch's `FlopCounterMode`, forward and backward).

The learned mask fits its gates in an inner loop: each inner step runs the encoders and the unimodal heads forward on
the gated inputs and back to the gates (not to the weights). That work cannot be skipped: every inner step sees new
noise and new gates, so nothing of the previous step is reusable. Its FLOP ratio is therefore the floor of its time
ratio; the inner loop's own share of the step (`prepare`) is printed too.
"""
import argparse, sys, time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from _timing import one_thread, save, table, time_calls


VARIANTS = {"vanilla": dict(lam=0.0), "oracle (M*)": dict(mask="oracle"), "random": dict(mask="random"),
            "learned (20 inner steps)": dict(mask="learned"), "learned-local (3 steps)": dict(mask="learned-local")}


def setup(kw, batch):
    "A method of the paper preset, its optimiser and one training batch (inputs, labels, meta)."
    from synib.data import split_batch
    from synib.lab import XorConfig, build_method, xor_task
    cfg = XorConfig(preset="paper", **{"mask": "oracle", **kw})
    data = xor_task(cfg.task, cfg.mixture(), cfg.noise, cfg.beta, cfg.seed)
    torch.manual_seed(0)
    method = build_method(cfg, {m: x.shape[1] for m, x in data.train.x.items()})
    rows = data.train.rows()
    b = rows.__getitems__(list(range(batch)))
    inputs, y, meta = split_batch(b, list(data.train.x))
    opt = torch.optim.Adam([p for p in method.parameters() if p.requires_grad], lr=1e-4)
    return method, opt, inputs, y, meta


def step_fn(method, opt, inputs, y, meta):
    def step():
        out = method(inputs, y, meta); out["loss"].backward(); opt.step(); opt.zero_grad(set_to_none=True)
    return step


def flops(fn) -> float:
    from torch.utils.flop_counter import FlopCounterMode
    with FlopCounterMode(display=False) as fc: fn()
    return float(fc.get_total_flops())


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    a = p.parse_args()
    one_thread()
    built = {k: setup(kw, a.batch) for k, kw in VARIANTS.items()}
    steps = {k: step_fn(*v) for k, v in built.items()}
    work = {k: flops(f) for k, f in steps.items()}
    t = time_calls(steps, repeat=a.repeat, warmup=1, clock=time.perf_counter)
    method, _, inputs, y, meta = built["learned (20 inner steps)"]
    from synib.masks import MaskContext
    loss = method.synib
    ctx = MaskContext(method.model, inputs, y, "input", "binary", list(inputs), meta)
    inner = time_calls({"prepare": lambda: loss.mask.prepare(ctx)}, repeat=a.repeat, warmup=1, clock=time.perf_counter)["prepare"]
    rows = [dict(variant=k, ms=1e3 * v, ratio=v / t["vanilla"], flop_ratio=work[k] / work["vanilla"]) for k, v in t.items()]
    print(table(rows, ["variant", "ms", "ratio", "flop_ratio"], {"ms": ".1f", "ratio": ".2f", "flop_ratio": ".2f"}))
    L = "learned (20 inner steps)"
    print(f"learned mask: the inner loop (prepare, 20 steps) takes {1e3 * inner:.1f} ms = {inner / t[L]:.0%} of its step; "
          f"{1e3 * inner / 20:.2f} ms per inner step against {1e3 * t['vanilla']:.1f} ms for a whole vanilla step")
    r = {x["variant"]: x for x in rows}
    print(f"ratio: mask step / vanilla step: oracle {r['oracle (M*)']['ratio']:.2f}, random {r['random']['ratio']:.2f}, "
          f"learned {r[L]['ratio']:.2f} (target 3; its work is {r[L]['flop_ratio']:.1f}x vanilla's, the floor), "
          f"learned-local {r['learned-local (3 steps)']['ratio']:.2f} (work {r['learned-local (3 steps)']['flop_ratio']:.1f}x)")
    if a.json:
        save(a.json, "mask_cost.py", rows + [dict(variant="learned inner loop (prepare)", ms=1e3 * inner)],
             {k: r[k]["ratio"] for k in r if k != "vanilla"} | {f"{k}, work": r[k]["flop_ratio"] for k in r if k != "vanilla"},
             {L: 3.0, "learned-local (3 steps)": 3.0})


if __name__ == "__main__": main()
