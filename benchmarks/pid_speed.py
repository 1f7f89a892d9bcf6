"""How fast is exact BROJA PID? The certified solver (`synib.broja`) against the definition (`broja_reference`).

    python benchmarks/pid_speed.py [--n 7]

Median seconds over random Dirichlet(1) tables per shape, one thread, in one run; the reference (SLSQP over the
polytope, its dense steps cost O(moves^3)) is timed on the small shapes only: at 20 x 20 x 4 it runs for many minutes. Also `pid_from_samples` with 50 bins on
2,000 samples (a 50 x 50 x 2 table), the case that used to hang.
"""
import argparse, statistics, sys, time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _timing import one_thread, save, table


def median_time(f, tables):
    ts = []
    for t in tables:
        t0 = time.perf_counter(); f(t); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=7, help="tables per shape")
    p.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    a = p.parse_args()
    one_thread()
    from synib.broja import broja
    from synib.pid import broja_reference, pid_from_samples
    rng, rows = np.random.default_rng(0), []
    targets = {"4x4x4": 0.005, "8x8x4": 0.05, "20x20x4": 0.5, "30x30x4": 1.0, "50x50x10": 10.0}
    for shape, ref in (((4, 4, 4), True), ((8, 8, 4), True), ((20, 20, 4), False), ((30, 30, 4), False), ((50, 50, 10), False)):
        tables = [rng.dirichlet(np.ones(int(np.prod(shape)))).reshape(shape) for _ in range(a.n if ref or shape[0] < 50 else 3)]
        name = "x".join(map(str, shape))
        fast = median_time(lambda t: broja(t), tables)
        slow = median_time(lambda t: broja_reference(t), tables[:2]) if ref else float("nan")
        rows.append(dict(shape=name, fast_s=fast, reference_s=slow, speedup=slow / fast, target_s=targets[name]))
    x, y = rng.normal(size=2000), rng.normal(size=2000)
    t0 = time.perf_counter(); pid_from_samples(x, y, (x * y > 0).astype(int), bins=50); samples = time.perf_counter() - t0
    print(table(rows, ["shape", "fast_s", "reference_s", "speedup", "target_s"], {"fast_s": ".4f", "reference_s": ".3f", "speedup": ".0f", "target_s": "g"}))
    print(f"pid_from_samples, 50 bins, 2000 samples: {samples:.3f} s")
    print("ratio: fast/target " + "  ".join(f"{r['shape']}={r['fast_s'] / r['target_s']:.3f}" for r in rows)
          + f"; reference/fast at 8x8x4 = {rows[1]['speedup']:.0f}")
    if a.json:
        save(a.json, "pid_speed.py", rows + [dict(shape="pid_from_samples 50 bins", fast_s=samples)],
             {r["shape"]: r["fast_s"] for r in rows}, {r["shape"]: r["target_s"] for r in rows})


if __name__ == "__main__": main()
