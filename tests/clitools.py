"The `synib` console script, run as a user runs it (a subprocess, offline, one thread, no progress bars)."
import os, subprocess, sys
from pathlib import Path

SYNIB = str(Path(sys.executable).with_name("synib"))
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "OMP_NUM_THREADS": "1", "TQDM_DISABLE": "1"}


def cli(*args, cwd=None, timeout=120):
    "Run `synib ARGS...`; the completed process, with its text output."
    return subprocess.run([SYNIB, *map(str, args)], capture_output=True, text=True, env=ENV, cwd=cwd, timeout=timeout)
