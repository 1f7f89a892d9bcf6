"""How responsive is the XOR lab? One retrain (what a slider does) and the default λ sweep, in one run.

    python benchmarks/lab_speed.py [--workers 2] [--repeat 5] [--mask oracle]

One retrain is `synib.lab.run_xor()` with its defaults (PID-XOR, the 'fast' setup: width-64 late-fusion model,
150 steps of 512 samples, SynIB with the oracle mask, λ = 10), timed against the same run with λ = 0 (plain). The
sweep is `lambda_sweep()`: every λ of the lab's grid × 3 seeds, in `--workers` processes of one torch thread each.

Where the time goes (cProfile of one SynIB retrain): backward ~30%, the forward linear layers ~10%, Adam ~5%, the
mask's noise fill ~3%; the rest is eager per-op overhead of a tiny model (module calls, ReLU, dict handling). The
oracle mask changes only the synergy samples (10%), so the masked pass re-runs only those rows.
"""
import argparse, sys, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import one_thread, save, time_calls


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workers", type=int, default=2); p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--mask", default="oracle")
    p.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    a = p.parse_args()
    one_thread()
    from synib.lab import lambda_sweep, run_xor
    t = time_calls({"synib": lambda: run_xor(mask=a.mask), "plain": lambda: run_xor(mask=a.mask, lam=0.0)},
                   repeat=a.repeat, warmup=1, clock=time.perf_counter)
    t0 = time.perf_counter(); s = lambda_sweep(workers=a.workers, mask=a.mask); sweep = time.perf_counter() - t0
    n = len(s.runs) if hasattr(s, "runs") else len(getattr(s, "rows", []))
    print(f"{'one retrain, SynIB (s)':<36}{t['synib']:8.3f}")
    print(f"{'one retrain, plain (s)':<36}{t['plain']:8.3f}")
    print(f"{f'λ sweep, {n} runs, {a.workers} workers (s)':<36}{sweep:8.2f}")
    print(f"ratio: retrain SynIB/plain {t['synib'] / t['plain']:.2f} (target 1.3); retrain {t['synib']:.2f} s (target 0.5 s); "
          f"sweep {sweep:.1f} s (target 12 s)")
    if a.json:
        rows = [dict(what="retrain SynIB", s=t["synib"]), dict(what="retrain plain", s=t["plain"]), dict(what=f"sweep, {n} runs", s=sweep)]
        save(a.json, "lab_speed.py", rows, {"retrain SynIB/plain": t["synib"] / t["plain"], "retrain s": t["synib"], "sweep s": sweep},
             {"retrain SynIB/plain": 1.3, "retrain s": 0.5, "sweep s": 12.0})


if __name__ == "__main__": main()
