"Shared timing helpers of the benchmark scripts (not part of the library)."
import statistics, time
from typing import Callable, Mapping, Sequence

import torch


def time_calls(fns: Mapping[str, Callable], repeat: int = 10, warmup: int = 2, clock: Callable = time.process_time) -> dict:
    "Median seconds of each function over `repeat` rounds; the functions take turns in every round (fair under load)."
    for f in fns.values():
        for _ in range(warmup): f()
    ts = {k: [] for k in fns}
    for _ in range(repeat):
        for k, f in fns.items():
            t = clock(); f(); ts[k].append(clock() - t)
    return {k: statistics.median(v) for k, v in ts.items()}


def table(rows: Sequence[Mapping], cols: Sequence[str], fmt: Mapping[str, str] = {}) -> str:
    "Rows as aligned text."
    cells = [[format(r[c], fmt.get(c, "")) if c in r else "" for c in cols] for r in rows]
    w = [max(len(c), *(len(x[i]) for x in cells)) for i, c in enumerate(cols)]
    return "\n".join(["  ".join(c.ljust(n) for c, n in zip(cols, w))] + ["  ".join(x.ljust(n) for x, n in zip(r, w)) for r in cells])


def train_step(model, loss_fn, inputs, y, opt) -> Callable:
    "A closure running one optimiser step of `loss_fn(model, inputs, y).total` on a fixed batch."
    def step():
        opt.zero_grad(set_to_none=True)
        loss_fn(model, inputs, y).total.backward()
        opt.step()
    return step


def one_thread():
    torch.set_num_threads(1)


def keep_freed_memory() -> bool:
    """Ask glibc's malloc to keep freed memory for reuse (no `mmap` for big blocks, no trimming), as a caching allocator
    would; True if it took. By default every block above 32 MB is mapped on allocation and unmapped on free, so a step
    that allocates gigabytes pays a page fault per 4 KB, every step. The environment equivalent, for any process:
    `MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736`."""
    import ctypes, ctypes.util
    try: libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError: return False
    M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4                    # mallopt(3); a trim threshold of -1 disables trimming
    return bool(getattr(libc, "mallopt", None)) and libc.mallopt(M_MMAP_MAX, 0) == 1 and libc.mallopt(M_TRIM_THRESHOLD, -1) == 1


def page_faults() -> int:
    "Minor page faults of this process so far."
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def save(path, script: str, rows, ratios: dict, targets: dict) -> None:
    "Write a script's figures (rows, ratios, targets) with the date and the machine to `path` as JSON."
    import datetime, json, os, platform
    from pathlib import Path
    info = dict(date=datetime.date.today().isoformat(), torch=torch.__version__, python=platform.python_version(),
                cpu=platform.processor() or platform.machine(), cpus=os.cpu_count(), threads=torch.get_num_threads(),
                device=torch.cuda.get_device_name() if torch.cuda.is_available() else "cpu")
    out = dict(script=script, machine=info, rows=list(rows), ratios=ratios, targets=targets)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(out, indent=1, default=float) + "\n")
