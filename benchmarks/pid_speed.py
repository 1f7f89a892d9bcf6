"""Speed of the BROJA partial information decomposition, `synib.info.pid(p, 'broja')`.

    python benchmarks/pid_speed.py [--n 200]

Random full-support joint distributions (Dirichlet(1)) of shape 2x2x2, 3x3x3 and 4x4x4; median and 90th percentile.

Where the time goes: scipy's SLSQP on the smooth dual (one log-sum-exp constraint per (x1, x2) cell, analytic
Jacobians), then a non-negative least-squares recovery of the optimal distribution. Exact shortcuts skip the
solver when the feasible set is a single point. BLAS is limited to one thread during the solve (threadpoolctl):
on a busy two-core machine multi-threaded BLAS made these small solves 10-100 times slower.
"""
import argparse

from synib.perf import pid_speed, format_rows

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=200)
    a = p.parse_args()
    rows = pid_speed(((2, 2, 2), (3, 3, 3), (4, 4, 4)), n=a.n)
    print(format_rows(rows, ["shape", "median_ms", "p90_ms", "n"], {"median_ms": ".2f", "p90_ms": ".2f"}))
    m = {r["shape"]: r["median_ms"] for r in rows}
    print(f"ratio: 4x4x4 median {m['4x4x4']:.1f} ms / 50 ms target = {m['4x4x4'] / 50:.2f}; 2x2x2 median {m['2x2x2']:.1f} ms")

if __name__ == "__main__": main()
