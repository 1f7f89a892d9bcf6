"""Epoch time with cached frozen-backbone features against recomputing them (Hateful Memes fixture).

    python benchmarks/feature_cache.py [--n 128 --image-size 64 --hidden 256]

`synib.bench.models.cache_features` runs the frozen CLIP-vision and DeBERTa backbones once over every split with
`datasets.map` and stores their tokens on disk (Arrow), keyed by the backbones' weights and the data's fingerprint.
An epoch then reads tokens; without the cache every epoch runs the frozen backbones again. Here the backbones are
tiny random-initialised ones (no download); the real ones (CLIP ViT-B/16, DeBERTa-v3-base) are ~100-1000x larger, so
the real gain is much larger than measured here.

Where the time goes: recomputing, the two backbones' forward passes dominate (decoding the PNG fixtures and
tokenising are a few percent); cached, the projection + fusion transformer and the SynIB masked pass.
"""
import argparse

from synib.perf import cache_speed

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=128); p.add_argument("--image-size", type=int, default=64)
    p.add_argument("--hidden", type=int, default=256); p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    r = cache_speed(n=a.n, image_size=a.image_size, hidden=a.hidden, repeat=a.repeat)
    for k in ("n_train", "cache_build", "epoch_cached", "epoch_recompute"):
        print(f"{k:<18}{r[k]:10.3f}" if isinstance(r[k], float) else f"{k:<18}{r[k]:>10}")
    print(f"ratio: recompute / cached epoch time = {r['ratio']:.2f} (the cache is built once, in {r['cache_build']:.2f} s)")

if __name__ == "__main__": main()
