#!/usr/bin/python3
"""Plot any metric of an `orbitsim sweep` folder against any of its axes.

    /usr/bin/python3 tools/plot_sweep.py out/NAME-sweep [--metric M ...] [--x AXIS] [--to FOLDER]

For each metric of sweep.csv (or those given), one PNG (sweep_<metric>.png): the mean over seeds and
its 95 % interval (ci95_low/ci95_high, within the metric's range) against the axis --x (default: the
first), one line per policy and per value of the other axes. Each line has its own marker and line
style and is shifted sideways by a small offset, so that lines with equal values stay visible.
Uses Debian's python3-matplotlib and python3-pandas (tools/setup.sh installs them).
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import interval_lines  # noqa: E402
import metric_labels  # noqa: E402  (tools/, next to this script)

FIXED = ["combination", "policy", "metric", "runs", "mean", "sd", "ci95_low", "ci95_high"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sweep", help="an orbitsim sweep output folder")
    parser.add_argument("--metric", action="append", help="metric to plot (repeatable; default: all)")
    parser.add_argument("--x", help="axis for the horizontal axis (default: the first axis)")
    parser.add_argument("--to", help="folder for the PNGs (default: the sweep folder)")
    args = parser.parse_args()
    path = os.path.join(args.sweep, "sweep.csv")
    if not os.path.exists(path):
        sys.exit(f"plot_sweep: {path}: no such file")
    table = pd.read_csv(path, comment="#", keep_default_na=False, na_values=[""])
    axes = [c for c in table.columns if c not in FIXED]
    if not axes:
        sys.exit(f"plot_sweep: {path}: the sweep has no axis to plot against")
    x = args.x or axes[0]
    if x not in axes:
        sys.exit(f"plot_sweep: --x {x}: not an axis of the sweep ({', '.join(axes)})")
    others = [a for a in axes if a != x]
    metrics = args.metric or list(dict.fromkeys(table.metric))
    to = args.to or args.sweep
    os.makedirs(to, exist_ok=True)
    written = []
    for metric in metrics:
        rows = table[table.metric == metric]
        if rows.empty:
            sys.exit(f"plot_sweep: no metric {metric} in {path} (it has {', '.join(dict.fromkeys(table.metric))})")
        numeric = pd.api.types.is_numeric_dtype(rows[x])
        values = sorted(rows[x].unique()) if numeric else list(dict.fromkeys(rows[x]))
        step = min((b - a for a, b in zip(values, values[1:])), default=1.0) if numeric else 1.0
        keys = ["policy"] + others
        lines = list(rows.groupby(keys if len(keys) > 1 else "policy", sort=False, dropna=False))
        fig, ax = plt.subplots(figsize=(6.5, 4))
        drawn = []
        for key, line in lines:
            key = key if isinstance(key, tuple) else (key,)
            label = ", ".join([str(key[0])] + [f"{a}={v}" for a, v in zip(others, key[1:])])
            position = line[x] if numeric else line[x].map(values.index)
            drawn.append((label, position, line["mean"], line["ci95_low"], line["ci95_high"]))
        interval_lines.draw(ax, drawn, step)
        if not numeric:
            ax.set_xticks(range(len(values)), [str(v) for v in values])
        ax.set_xlabel(metric_labels.label(x.split(".")[-1]) + f" [{x}]")
        ax.set_ylabel(metric_labels.label(metric))
        ax.set_title("mean and 95 % interval over seeds", fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        fig.tight_layout()
        name = f"sweep_{metric}.png"
        fig.savefig(os.path.join(to, name), dpi=120)
        plt.close(fig)
        written.append(name)
    print(f"plot_sweep: wrote {', '.join(written)} to {to}")


if __name__ == "__main__":
    main()
