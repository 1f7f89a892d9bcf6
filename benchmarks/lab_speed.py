"""How responsive is the XOR lab? One retrain (the slider callback) and the full default λ sweep.

    python benchmarks/lab_speed.py [--workers 2] [--repeat 5]

One retrain is `synib.lab.run_xor()` with its defaults (PID-XOR, width-64 late-fusion model, 150 steps of 512,
SynIB with the oracle mask, λ = 10), timed against the same run with λ = 0. The sweep is `lambda_sweep()`:
11 λ values x 3 seeds = 33 runs, in `--workers` processes of one torch thread each.

Where the time goes (cProfile of one SynIB retrain, 0.67 s under the profiler): the backward pass 29%, the forward
linear layers 11%, Adam (foreach) ~5%, the oracle mask's noise fill 3%, building the batches 3%; the rest is the
eager per-op overhead of a small model (ReLU, module calls, the loss's checks and dict handling). The oracle mask
changes only the synergy samples (10%), so SynIB re-runs only those; a dense mask (`--mask modality`) re-runs every
sample. The unimodal heads are trained only for the learned mask (they never change the fusion model): training
them costs about a quarter of a plain step. The sweep's 33 runs are independent: two processes, one thread each.
"""
import argparse

from synib.perf import lab_speed

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workers", type=int, default=2); p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--mask", default="oracle")
    a = p.parse_args()
    r = lab_speed(sweep=True, repeat=a.repeat, workers=a.workers, mask=a.mask)
    print(f"{'one retrain, SynIB (s)':<34}{r['retrain']:8.3f}")
    print(f"{'one retrain, plain (s)':<34}{r['retrain_plain']:8.3f}")
    print(f"{'λ sweep, ' + str(r['sweep_runs']) + ' runs, ' + str(a.workers) + ' workers (s)':<34}{r['sweep']:8.2f}")
    print(f"ratio: retrain SynIB/plain {r['retrain'] / r['retrain_plain']:.2f}; retrain {r['retrain']:.2f} s (target < 1 s); "
          f"sweep {r['sweep']:.1f} s = {r['sweep'] / 20:.2f} of the 20 s target")

if __name__ == "__main__": main()
