#!/usr/bin/env python3
"""PyTorch reference for `pnpm bench`: one epoch of the lab's Large Higgs model.

Same work as the TF.js case `higgs-large-epoch`: 4 x Dense(512, elu) -> Dense(1), 803,329
parameters, 10,000 x 28 synthetic samples, batch 500, Adam(lr=0.001), BCE from logits,
a shuffle per epoch and a validation pass over 1,000 samples at the epoch's end.
Prints the same JSON shape as the TF.js bench. Uses PyTorch's default thread count
(1 here: two threads fight OpenBLAS's on two cores; see PERF-NOTES).

Run: /usr/bin/python3 apps/grader/src/bench/torch_reference.py [--json] [--runs N]
     /usr/bin/python3 apps/grader/src/bench/torch_reference.py --serve
With --serve it warms up, prints "ready", then runs one epoch per "epoch" line on stdin and prints
its seconds: `pnpm bench` interleaves these with its own epochs, so that both engines are timed
under the same load (this VM's speed drifts by ±25 % over minutes).
"""
import sys
import argparse
import json
import statistics
import time

import torch
from torch import nn


def large_model() -> nn.Module:
    layers, width = [], 28
    for _ in range(4):
        layers += [nn.Linear(width, 512), nn.ELU()]
        width = 512
    layers.append(nn.Linear(width, 1))
    return nn.Sequential(*layers)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()

    gen = torch.Generator().manual_seed(0)
    x = torch.rand(10_000, 28, generator=gen) * 4 - 2
    y = (torch.rand(10_000, 1, generator=gen) < 0.5).float()
    xv = torch.rand(1_000, 28, generator=gen) * 4 - 2
    yv = (torch.rand(1_000, 1, generator=gen) < 0.5).float()
    model = large_model()
    assert sum(p.numel() for p in model.parameters()) == 803_329
    loss_fn = nn.BCEWithLogitsLoss()

    def epoch() -> None:
        optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
        order = torch.randperm(x.shape[0], generator=gen)
        model.train()
        for start in range(0, x.shape[0], 500):
            idx = order[start:start + 500]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            float(loss_fn(model(xv), yv))

    epoch()  # warm-up
    if args.serve:
        print("ready", flush=True)
        for line in sys.stdin:
            if line.strip() != "epoch":
                continue
            start = time.perf_counter()
            epoch()
            print(f"{time.perf_counter() - start:.6f}", flush=True)
        return
    seconds = []
    for _ in range(max(3, args.runs)):
        start = time.perf_counter()
        epoch()
        seconds.append(time.perf_counter() - start)
    result = {
        "name": "torch-higgs-large-epoch",
        "median_s": statistics.median(seconds),
        "min_s": min(seconds),
        "max_s": max(seconds),
    }
    summary = {"backend": f"torch-{torch.__version__}", "threads": torch.get_num_threads(), "results": [result]}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{result['name']}: median {result['median_s']:.3f} s (min {result['min_s']:.3f}, max {result['max_s']:.3f}),"
              f" threads {summary['threads']}")


if __name__ == "__main__":
    main()
