"Test-wide settings: no network, no browser, deterministic threads."
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("PLOTLY_RENDERER", "json")   # fig.show() must never try to open a browser
os.environ.setdefault("TQDM_DISABLE", "1")         # progress bars stay quiet in the test log
# One torch thread per test process: tests run two at a time on two cores, and OpenMP threads spinning at a
# barrier on an occupied core make small ops hundreds of times slower (measured: 40 ms vs 0.2 ms per step).
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"): os.environ.setdefault(var, "1")
