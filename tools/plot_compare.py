#!/usr/bin/python3
"""Plot graceful-degradation curves from an `orbitsim compare` folder.

    /usr/bin/python3 tools/plot_compare.py out/NAME-compare [--to FOLDER]

For each metric of comparison.csv, one PNG (degradation_<metric>.png) with one curve per policy: the
metric's mean and its 95 % interval over seeds (comparison.csv's ci95_low/ci95_high, never outside the
metric's range; the axis named in words with its unit) against the failure setting that varies (the fraction of satellites failed at t = 0 if
several were given, else the failure-rate scale). Each policy has its own marker and line style and is
shifted sideways by a small offset, so that policies with equal values stay visible. A metric that is
the same for every policy and setting is not drawn; the script says so.
Uses Debian's python3-matplotlib and python3-pandas (tools/setup.sh installs them).
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import interval_lines  # noqa: E402  (tools/, next to this script)
import metric_labels  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("compare", help="an orbitsim compare output folder")
    parser.add_argument("--to", help="folder for the PNGs (default: the compare folder)")
    args = parser.parse_args()
    path = os.path.join(args.compare, "comparison.csv")
    if not os.path.exists(path):
        sys.exit(f"plot_compare: {path}: no such file")
    table = pd.read_csv(path, comment="#")  # an interrupted comparison starts with a "# incomplete" line
    x = "kill_fraction" if table.kill_fraction.nunique() > 1 else "failure_scale"
    label = "fraction of satellites failed at t = 0" if x == "kill_fraction" else "failure-rate scale"
    to = args.to or args.compare
    os.makedirs(to, exist_ok=True)
    metrics = [c[: -len("_mean")] for c in table.columns if c.endswith("_mean")]
    written, skipped = [], []
    for metric in metrics:
        means = table[f"{metric}_mean"]
        if means.isna().all():
            continue
        if means.nunique() == 1 and table[f"{metric}_ci95_low"].equals(table[f"{metric}_ci95_high"]):
            skipped.append(f"{metric} = {means.iloc[0]:g}")  # the same for every policy and setting
            continue
        fig, ax = plt.subplots(figsize=(6.5, 4))
        groups = list(table.groupby("policy", sort=False))
        values = sorted(table[x].unique())
        step = min((b - a for a, b in zip(values, values[1:])), default=1.0) or 1.0
        drawn = []
        for policy, rows in groups:
            rows = rows.sort_values(x)
            drawn.append((policy, rows[x], rows[f"{metric}_mean"], rows[f"{metric}_ci95_low"], rows[f"{metric}_ci95_high"]))
        interval_lines.draw(ax, drawn, step)
        ax.set_xlabel(label)
        ax.set_ylabel(metric_labels.label(metric))
        ax.grid(alpha=0.3)
        ax.legend()
        fig.tight_layout()
        name = f"degradation_{metric}.png"
        fig.savefig(os.path.join(to, name), dpi=120)
        plt.close(fig)
        written.append(name)
    print(f"plot_compare: wrote {len(written)} figures to {to}")
    if skipped:
        print(f"plot_compare: not drawn, constant over every policy and setting: {', '.join(skipped)}")


if __name__ == "__main__":
    main()
