#!/usr/bin/python3
"""Turn an `orbitsim run` output folder into PNG figures.

    /usr/bin/python3 tools/plot_run.py out/starlink-shell1-default [--to FOLDER]

Writes, next to the run's files (or into --to):
  latency_cdf.png      CDFs of TTFT, TPOT and end-to-end latency of finished requests (requests.csv)
  throughput.png       output tokens/s, requests in flight, running jobs, busy and failed satellites (timeseries.csv)
  utilisation_map.png  compute utilisation per satellite, plane by slot, for Walker shells (nodes.csv)
  power.png            state of charge and accelerator temperature over time for a few satellites: the one
                       whose battery fell lowest, the hottest, and the first (power.csv, power modelled)
  throttled_map.png    hours below full clocks per satellite, plane by slot, for Walker shells (power.csv)
Uses Debian's python3-matplotlib, python3-pandas and python3-numpy (tools/setup.sh installs them).
"""
import argparse
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def read_csv(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    return pd.read_csv(path, comment="#")


def latency_cdf(requests, out):
    done = requests[requests.status == "finished"]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    for ax, column, label in zip(axes, ["ttft_s", "tpot_s", "e2e_s"], ["TTFT", "TPOT", "end to end"]):
        values = np.sort(done[column].dropna().values)
        if len(values):
            ax.plot(values * 1000.0, np.arange(1, len(values) + 1) / len(values))
            ax.set_xscale("log")
        ax.set_xlabel(f"{label} (ms)")
        ax.set_ylabel("fraction of requests")
        ax.grid(True, which="both", alpha=0.3)
    fig.suptitle(f"{len(done)} of {len(requests)} requests finished")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def throughput(series, out):
    fig, ax = plt.subplots(2, 1, figsize=(10, 6), sharex=True)
    ax[0].plot(series.t_s, series.tokens_per_s, label="output tokens/s")
    ax[0].plot(series.t_s, series.requests_in_flight, label="requests in flight")
    ax[0].legend()
    ax[0].grid(alpha=0.3)
    ax[1].step(series.t_s, series.jobs_running, where="post", label="training jobs running")
    ax[1].step(series.t_s, series.busy_satellites, where="post", label="satellites training")
    if "satellites_down" in series and series.satellites_down.max() > 0:
        ax[1].step(series.t_s, series.satellites_down, where="post", label="satellites down (failed or hung)")
    ax[1].legend()
    ax[1].set_xlabel("simulated time (s)")
    ax[1].grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def plane_slot_map(values, title, cmap, out):
    """Per-satellite values drawn plane by slot, one panel per Walker shell; False when no Walker names."""
    pattern = re.compile(r"^(.+)_p(\d+)_s(\d+)$")
    cells = [(m.group(1), int(m.group(2)), int(m.group(3)), v) for name, v in values.items() if (m := pattern.match(name))]
    if not cells:
        return False
    shells = sorted({c[0] for c in cells})
    fig, axes = plt.subplots(1, len(shells), figsize=(6 * len(shells), 4.5), squeeze=False)
    for ax, shell in zip(axes[0], shells):
        own = [c for c in cells if c[0] == shell]
        grid = np.zeros((max(c[2] for c in own) + 1, max(c[1] for c in own) + 1))
        for _, plane, slot, v in own:
            grid[slot, plane] = v
        image = ax.imshow(grid, aspect="auto", origin="lower", cmap=cmap, vmin=0.0, vmax=max(grid.max(), 1e-9))
        ax.set_xlabel("plane")
        ax.set_ylabel("slot")
        ax.set_title(f"shell {shell}: {title}")
        fig.colorbar(image, ax=ax)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return True


def utilisation_map(nodes, out):
    return plane_slot_map(dict(zip(nodes.name, nodes.utilisation)), "compute utilisation (training + inference)",
                          "viridis", out)


def power_over_time(power, out):
    lowest = power.loc[power.soc.idxmin(), "satellite"]
    hottest = power.loc[power.accelerator_k.idxmax(), "satellite"]
    chosen = list(dict.fromkeys([lowest, hottest, power.satellite.iloc[0]]))
    fig, (soc_ax, temp_ax) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True)
    for name in chosen:
        rows = power[power.satellite == name]
        hours = rows.t_s / 3600.0
        soc_ax.step(hours, 100.0 * rows.soc, where="post", label=name)
        temp_ax.step(hours, rows.accelerator_k - 273.15, where="post", label=name)
    soc_ax.set_ylabel("battery state of charge (%)")
    soc_ax.set_ylim(0, 101)
    soc_ax.legend(fontsize=8)
    temp_ax.axhline(87.0, color="tab:orange", linestyle="--", linewidth=0.8, label="software throttle (H100)")
    temp_ax.axhline(92.0, color="tab:red", linestyle="--", linewidth=0.8, label="shutdown (H100)")
    temp_ax.set_ylabel("accelerator junction (°C)")
    temp_ax.set_xlabel("simulated time (h)")
    temp_ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def throttled_map(power, out):
    # A row holds the satellite's state from its time to the satellite's next row.
    hours = {}
    for name, rows in power.groupby("satellite", sort=False):
        dt = np.diff(np.append(rows.t_s.to_numpy(), rows.t_s.iloc[-1]))
        hours[name] = float((dt * rows.throttled.to_numpy()).sum()) / 3600.0
    return plane_slot_map(hours, "time below full clocks (h)", "magma", out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="an orbitsim run output folder")
    parser.add_argument("--to", help="folder for the PNGs (default: the run folder)")
    args = parser.parse_args()
    if not os.path.isdir(args.run):
        sys.exit(f"plot_run: {args.run}: no such folder")
    to = args.to or args.run
    os.makedirs(to, exist_ok=True)
    written = []
    requests = read_csv(args.run, "requests.csv")
    if requests is not None and len(requests):
        latency_cdf(requests, os.path.join(to, "latency_cdf.png"))
        written.append("latency_cdf.png")
    series = read_csv(args.run, "timeseries.csv")
    if series is not None and len(series):
        throughput(series, os.path.join(to, "throughput.png"))
        written.append("throughput.png")
    nodes = read_csv(args.run, "nodes.csv")
    if nodes is not None and utilisation_map(nodes, os.path.join(to, "utilisation_map.png")):
        written.append("utilisation_map.png")
    power = read_csv(args.run, "power.csv")
    if power is not None and len(power):
        power_over_time(power, os.path.join(to, "power.png"))
        written.append("power.png")
        if throttled_map(power, os.path.join(to, "throttled_map.png")):
            written.append("throttled_map.png")
    if not written:
        sys.exit(f"plot_run: {args.run}: no requests.csv, timeseries.csv, nodes.csv or power.csv to plot")
    print(f"plot_run: wrote {', '.join(written)} to {to}")


if __name__ == "__main__":
    main()
