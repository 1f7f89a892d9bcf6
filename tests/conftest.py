"Test-wide settings: no network, no browser, deterministic threads."
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("PLOTLY_RENDERER", "json")   # fig.show() must never try to open a browser
os.environ.setdefault("TQDM_DISABLE", "1")         # progress bars stay quiet in the test log
