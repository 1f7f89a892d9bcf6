"""Time per training step of SynIB against plain cross-entropy (ratios measured in one run, one CPU thread).

    python benchmarks/step_cost.py [--repeat 15] [--device cuda]

Models: (1) per-modality MLP encoders (3 x 512 on 256-d inputs, batch 256) with a `ConcatMLP` fusion head
(M*512 -> 64 -> 2), M = 2 and 3 modalities; (2) the paper's MOSI model at its real size (two 5-layer d-40 transformer
encoders on 50 x 20 / 50 x 300 inputs, batch 32, the paper's random mask π = 0.3); (3) the paper's Hateful Memes model
(projections of cached 197 x 768 / 64 x 768 tokens, a 2-layer d-512 transformer fusion, batch 32).

Variants: CE (λ = 0); SynIB at the feature level with a whole-modality noise mask, (c) with the fusion head's first
layer split per modality (W z~ = W z - W_m z_m + W_m z~_m: one d_m x H product per masked copy) and (c0) without the split
(the whole head on the stacked copies, what synib did before); (a) input-level masking of an opaque model (every
encoder re-run on every masked copy).

Where the time goes (torch.profiler, M = 2, per step): CE is 80% matrix multiplies in the encoders (forward and
backward). (c) adds the masked copies' fusion work, one d_m x H product per copy forward and backward plus the
rest of the head on M*B rows, and the noise fill (the CPU generator, ~3.5 ns a number). The floor is the fusion
head on M*B rows: its share of the step is what (c) costs. (cf) is (c) with the clean pass in the same call
(`Strategy(fused=True)`).

Hateful Memes: the fusion Transformer is nearly the whole step (the encoders are two projections), so SynIB's floor
is CE + M fusion passes (forward and backward, at batch B): both are timed in the same run, and the ratio to that
bound is printed. It is measured twice: with glibc's default allocator, which maps every block above 32 MB on
allocation and unmaps it on free, so each step page-faults its activations back in (SynIB's 3B-row fusion batch
holds ~3x the memory and takes ~5x the faults of CE's), and with freed memory kept for reuse (`keep_freed_memory`,
what a caching allocator such as CUDA's does). Page faults per step are printed beside each.
"""
import argparse, copy, sys
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).parent))
from _timing import keep_freed_memory, one_thread, page_faults, save, table, time_calls, train_step

from synib.models import ConcatMLP, LateFusionModel
from synib.objective import SynIB, Strategy


class NoSplit(ConcatMLP):
    "The same head without the split path (SynIB then runs the whole head on the stacked copies)."
    parts = None


def mlp_model(M, dim=256, width=512, depth=3, split=True):
    enc = lambda: nn.Sequential(*[l for i in range(depth) for l in (nn.Linear(dim if i == 0 else width, width), nn.ReLU())])
    mods = [f"m{i}" for i in range(M)]
    head = (ConcatMLP if split else NoSplit)(mods, [width] * M, [64], 2)
    return LateFusionModel({m: enc() for m in mods}, head, {m: nn.Linear(width, 2) for m in mods}), mods


class Opaque(nn.Module):
    "Only `forward` is visible: SynIB runs the whole model on the masked copies."
    def __init__(self, m): super().__init__(); self.m, self.modalities = m, m.modalities
    def forward(self, x): return self.m(x)


def mlp_costs(M, repeat, device, batch=256, dim=256):
    torch.manual_seed(0)
    split, mods = mlp_model(M, dim)
    plain = copy.deepcopy(split); plain.fusion.__class__ = NoSplit
    x = {m: torch.randn(batch, dim, device=device) for m in mods}
    y = torch.randint(0, 2, (batch,), device=device)
    noise = lambda: SynIB(lam=1.0, mask="noise", level="feature")
    variants = {"CE": (split, SynIB(lam=0.0)), "(c) feature level, split head": (split, noise()),
                "(cf) feature level, split head, fused": (split, SynIB(lam=1.0, mask="noise", level="feature", strategy=Strategy(fused=True))),
                "(c0) feature level, whole head": (plain, noise()), "(a) input level, opaque model": (Opaque(split), SynIB(lam=1.0, mask="noise", level="input"))}
    steps = {}
    for k, (model, loss) in variants.items():
        model.to(device)
        steps[k] = train_step(model, loss, x, y, torch.optim.SGD(model.parameters(), lr=1e-4))
    t = time_calls(steps, repeat=repeat)
    return [dict(model=f"MLP encoders, M = {M}", variant=k, ms=1e3 * v, ratio=v / t["CE"]) for k, v in t.items()]


def paper_costs(name, repeat, label=None):
    from synib.bench.data import get_spec
    from synib.bench.hateful_memes import build_hm_model
    from synib.bench.multibench import build_multibench_model
    from synib.bench.run import PROTOCOL
    spec, proto = get_spec(name), PROTOCOL[name]
    torch.manual_seed(0)
    if name == "hateful_memes":
        shapes = {"image": (197, 768), "text": (64, 768)}
        model = build_hm_model(spec, shapes)
    else:
        shapes = {"vision": (50, 20), "text": (50, 300)}
        model = build_multibench_model(spec, {m: s[-1] for m, s in shapes.items()})
    x = {m: torch.randn(proto["batch_size"], *s) for m, s in shapes.items()}
    y = torch.randint(0, spec.num_classes, (proto["batch_size"],))
    opt = torch.optim.SGD(model.parameters(), lr=1e-4)
    variants = {"CE": SynIB(lam=0.0), f"(c) feature level, random π = {proto['pi']}": SynIB(lam=proto["lam"], mask="random", p=proto["pi"])}
    fns = {k: train_step(model, v, x, y, opt) for k, v in variants.items()}
    if name == "hateful_memes":                                     # the bound's part: one fusion pass, forward and backward
        z = {m: f.detach().requires_grad_() for m, f in model.encode(x).items()}
        fns["fusion pass"] = lambda: model.fuse(z).sum().backward()
    faults = {}
    def counted(k, f):
        def g(): n = page_faults(); f(); faults.setdefault(k, []).append(page_faults() - n)
        return g
    t = time_calls({k: counted(k, f) for k, f in fns.items()}, repeat=repeat, warmup=1)
    rows = [dict(model=label or name, variant=k, ms=1e3 * v, ratio=v / t["CE"], faults=min(faults[k])) for k, v in t.items()]
    if name == "hateful_memes":
        M, syn = len(spec.modalities), next(k for k in t if k.startswith("(c)"))
        bound = t["CE"] + M * t["fusion pass"]
        rows.append(dict(model=label or name, variant=f"bound: CE + {M} fusion passes", ms=1e3 * bound, ratio=bound / t["CE"]))
        rows.append(dict(model=label or name, variant="SynIB / bound", ratio=t[syn] / bound))
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeat", type=int, default=15)
    p.add_argument("--device", default="cpu")
    p.add_argument("--skip-hm", action="store_true", help="skip the Hateful Memes model (slow on a CPU)")
    p.add_argument("--json", metavar="FILE", help="also write the figures to FILE (e.g. benchmarks/results/step_cost.json)")
    a = p.parse_args()
    one_thread()
    rows = mlp_costs(2, a.repeat, a.device) + mlp_costs(3, a.repeat, a.device) + paper_costs("mosi", max(3, a.repeat // 3))
    HM = ("HM, default allocator", "HM, freed memory kept")
    if not a.skip_hm:
        rows += paper_costs("hateful_memes", 2, HM[0])
        if not keep_freed_memory(): HM = (HM[0], "HM, default allocator again (mallopt not available)")
        rows += paper_costs("hateful_memes", 2, HM[1])             # from here on: glibc keeps what is freed
    print(table(rows, ["model", "variant", "ms", "ratio", "faults"], {"ms": ".1f", "ratio": ".2f"}))
    r = {(x["model"], x["variant"].split(")")[0] + ")" if x["variant"].startswith("(") else x["variant"]): x["ratio"] for x in rows}
    line = (f"ratio: SynIB/CE step, feature level: MLP M=2 {r['MLP encoders, M = 2', '(c)']:.2f} (target 1.10; whole head {r['MLP encoders, M = 2', '(c0)']:.2f}), "
            f"M=3 {r['MLP encoders, M = 3', '(c)']:.2f} (target 1.15; whole head {r['MLP encoders, M = 3', '(c0)']:.2f}), "
            f"paper MOSI {r['mosi', '(c)']:.2f} (target 1.05)")
    if not a.skip_hm:
        line += (f", paper Hateful Memes {r[HM[1], '(c)']:.2f} x CE = {r[HM[1], 'SynIB / bound']:.2f} x the bound CE + M fusion passes "
                 f"(target <= 1; default allocator {r[HM[0], '(c)']:.2f} x CE = {r[HM[0], 'SynIB / bound']:.2f} x the bound)")
    print(line)
    if a.json:
        ratios = {"MLP M=2": r["MLP encoders, M = 2", "(c)"], "MLP M=3": r["MLP encoders, M = 3", "(c)"], "paper MOSI": r["mosi", "(c)"],
                  "MLP M=2, whole head": r["MLP encoders, M = 2", "(c0)"], "MLP M=3, whole head": r["MLP encoders, M = 3", "(c0)"]}
        if not a.skip_hm:
            ratios.update({"paper Hateful Memes": r[HM[1], "(c)"], "paper Hateful Memes / bound": r[HM[1], "SynIB / bound"],
                           "paper Hateful Memes, default allocator": r[HM[0], "(c)"],
                           "paper Hateful Memes / bound, default allocator": r[HM[0], "SynIB / bound"]})
        save(a.json, "step_cost.py", rows, ratios, {"MLP M=2": 1.10, "MLP M=3": 1.15, "paper MOSI": 1.05, "paper Hateful Memes / bound": 1.0})


if __name__ == "__main__": main()
