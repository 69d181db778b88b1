#!/usr/bin/env python3
"""PyTorch reference for `pnpm bench`: the same epochs as the TF.js cases, timed in PyTorch.

Default: one epoch of the lab's Large Higgs model: 4 x Dense(512, elu) -> Dense(1), 803,329
parameters, 10,000 x 28 synthetic samples, batch 500, Adam(lr=0.001), BCE from logits,
a shuffle per epoch and a validation pass over 1,000 samples at the epoch's end.
Runs on --threads threads (default 1: two threads fight OpenBLAS's on two cores; see PERF-NOTES).
`pnpm bench` also starts it with glibc's malloc tuned (MALLOC_MMAP_THRESHOLD_ etc.): fresh pages
cost ~3 ms a MB to fault in on this VM, and PyTorch frees and re-maps its big buffers every step.

Run: /usr/bin/python3 apps/grader/src/bench/torch_reference.py [--json] [--runs N] [--threads N]
     /usr/bin/python3 apps/grader/src/bench/torch_reference.py --serve [--threads N]
With --serve it prints "ready", then for each line on stdin runs one epoch and prints its seconds:
(wall and CPU seconds, space-separated); the line "epoch" is the Large epoch; a JSON line describes another one,
  {"key": "...", "inputs": 28, "layers": [{"units": 16, "activation": "elu"}, {"dropout": 0.5}, ...],
   "train": 10000, "validation": 1000, "batch": 500, "lo": -2, "hi": 2}
(built, and warmed up with one untimed epoch, the first time its key is seen). `pnpm bench`
interleaves these with its own epochs, so that both engines are timed under the same load (this
VM's speed drifts by +-25 % over minutes).
"""
import sys
import argparse
import json
import statistics
import time

import torch
from torch import nn


LARGE = {"key": "large", "inputs": 28, "layers": [{"units": 512, "activation": "elu"}] * 4 + [{"units": 1}],
         "train": 10_000, "validation": 1_000, "batch": 500, "lo": -2, "hi": 2}
ACTIVATIONS = {"elu": nn.ELU, "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}


def build_model(inputs: int, layers: list) -> nn.Module:
    modules, width = [], inputs
    for layer in layers:
        if "dropout" in layer:
            modules.append(nn.Dropout(layer["dropout"]))
            continue
        modules.append(nn.Linear(width, layer["units"]))
        activation = layer.get("activation", "linear")
        if activation != "linear":
            modules.append(ACTIVATIONS[activation]())
        width = layer["units"]
    return nn.Sequential(*modules)


def make_epoch(case: dict, gen: torch.Generator):
    """One epoch of `case` as a function (data and model made once, as the TF.js case does)."""
    lo, hi = case["lo"], case["hi"]
    x = torch.rand(case["train"], case["inputs"], generator=gen) * (hi - lo) + lo
    y = (torch.rand(case["train"], 1, generator=gen) < 0.5).float()
    xv = torch.rand(case["validation"], case["inputs"], generator=gen) * (hi - lo) + lo
    yv = (torch.rand(case["validation"], 1, generator=gen) < 0.5).float()
    model = build_model(case["inputs"], case["layers"])
    loss_fn = nn.BCEWithLogitsLoss()
    batch = case["batch"]

    def epoch() -> None:
        optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
        order = torch.randperm(x.shape[0], generator=gen)
        model.train()
        for start in range(0, x.shape[0], batch):
            idx = order[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            float(loss_fn(model(xv), yv))

    return model, epoch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(0)
    model, epoch = make_epoch(LARGE, gen)
    assert sum(p.numel() for p in model.parameters()) == 803_329
    epochs = {"large": epoch}

    epoch()  # warm-up
    if args.serve:
        print("ready", flush=True)
        for line in sys.stdin:
            line = line.strip()
            if line == "epoch":
                run = epochs["large"]
            elif line.startswith("{"):
                case = json.loads(line)
                if case["key"] not in epochs:
                    epochs[case["key"]] = make_epoch(case, gen)[1]
                    epochs[case["key"]]()  # warm-up
                run = epochs[case["key"]]
            else:
                continue
            start, cpu = time.perf_counter(), time.process_time()
            run()
            # wall seconds, then CPU seconds of the process (all its threads): the latter barely
            # moves with the machine's load, the former is what a user waits for
            print(f"{time.perf_counter() - start:.6f} {time.process_time() - cpu:.6f}", flush=True)
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
