#!/usr/bin/python3
"""Turn an `orbitsim run` output folder into PNG figures.

    /usr/bin/python3 tools/plot_run.py out/starlink-shell1-default [--to FOLDER]

Writes, next to the run's files (or into --to):
  latency_cdf.png      CDFs of TTFT, TPOT and end-to-end latency of finished requests (requests.csv), p50 and
                       p99 marked, the scenario's SLO where it sets one (summary.json) with the share that met it
  throughput.png       a panel per part the run has (timeseries.csv): serving (output tokens/s; requests in flight
                       on a twin axis), ISL and GSL utilisation, training (jobs running; satellites training and
                       down on a twin axis); failures as ticks at their own times, one row per kind (failures.csv)
  training.png         per job with token counts: goodput and throughput (training tokens/s) and the mean
                       iteration's compute, pipeline bubble and exposed communication (jobs.csv)
  utilisation_map.png  compute utilisation per satellite, plane by slot, for Walker shells (nodes.csv)
  power.png            state of charge and accelerator temperature over time for a few satellites: the one
                       whose battery fell lowest, the hottest, and the first (power.csv, power modelled)
  throttled_map.png    hours below full clocks per satellite, plane by slot, for Walker shells (power.csv)
  map.png              a 2D map at one instant (--map-time, default the end of the run): the last 10 minutes of
                       ground track of every satellite, satellites coloured by their utilisation over the run,
                       stations sized by the requests they sent, their links, failed satellites marked, and the
                       routes in use then: each request in flight (its station to its serving satellite) and each
                       running training job's ring (member to next member), at most --max-routes of them, plus
                       any --route A:B; from `orbitsim export czml` and `orbitsim positions` (--orbitsim, default
                       build/orbitsim), so the links and routes are the run's, with its failures
Uses Debian's python3-matplotlib, python3-pandas and python3-numpy (tools/setup.sh installs them).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

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


def latency_cdf(requests, slo, out):
    """CDFs with their p50 and p99 marked, and the scenario's SLO (summary.json) where it sets one."""
    done = requests[requests.status == "finished"]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    for ax, column, label in zip(axes, ["ttft_s", "tpot_s", "e2e_s"], ["TTFT", "TPOT", "end to end"]):
        values = np.sort(done[column].dropna().values)
        ax.set_xlabel(f"{label} (ms)")
        ax.set_ylabel("fraction of requests")
        ax.grid(True, which="both", alpha=0.3)
        if not len(values):
            ax.text(0.5, 0.5, "no finished request", ha="center", va="center", transform=ax.transAxes)
            continue
        ax.plot(values * 1000.0, np.arange(1, len(values) + 1) / len(values), color="tab:blue")
        ax.set_xscale("log")
        for q, style in ((50, ":"), (99, "--")):
            x = np.percentile(values, q) * 1000.0
            ax.axvline(x, color="0.3", linestyle=style, linewidth=0.9, label=f"p{q} {x:.3g} ms")
        limit = (slo or {}).get(column, 0.0)
        if limit and limit > 0:
            met = float(np.mean(values <= limit))
            ax.axvline(limit * 1000.0, color="tab:red", linewidth=1.2, label=f"SLO {limit * 1000.0:.3g} ms ({met:.1%} met)")
        ax.legend(fontsize=8, loc="lower right")
    fig.suptitle(f"{len(done)} of {len(requests)} requests finished")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


FAILURE_COLOURS = {"satellite": "tab:red", "station": "tab:brown", "sefi": "tab:purple", "seu": "tab:pink",
                   "isl": "tab:olive", "shed": "tab:orange", "shed-training": "gold"}


def throughput(series, failures, out):
    """Panels only for what the run has: serving (tokens/s, requests in flight on a twin axis), link
    utilisation, training; failures as ticks at their own times (failures.csv), not at the samples."""
    panels = []
    serving = series.tokens_per_s.max() > 0 or series.requests_in_flight.max() > 0
    if serving:
        panels.append("serving")
    panels.append("links")
    if series.jobs_running.max() > 0 or series.busy_satellites.max() > 0:
        panels.append("training")
    if failures is not None and len(failures) > 0:
        panels.append("failures")  # at their own times
    heights = [0.35 + 0.12 * failures.kind.nunique() if panel == "failures" else 1.0 for panel in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, 2.6 * sum(heights) + 0.6), sharex=True, squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    axes = axes[:, 0]
    for ax, panel in zip(axes, panels):
        if panel == "serving":
            ax.plot(series.t_s, series.tokens_per_s, color="tab:blue", label="output tokens/s")
            ax.set_ylabel("output tokens/s", color="tab:blue")
            twin = ax.twinx()
            twin.step(series.t_s, series.requests_in_flight, where="post", color="tab:green", label="requests in flight")
            twin.set_ylabel("requests in flight", color="tab:green")
        elif panel == "links":
            ax.plot(series.t_s, 100.0 * series.isl_utilisation, label="ISL utilisation")
            ax.plot(series.t_s, 100.0 * series.gsl_utilisation, label="GSL utilisation")
            ax.set_ylabel("link capacity used (%)")
            ax.legend(fontsize=8, loc="upper right")
        elif panel == "training":
            ax.step(series.t_s, series.jobs_running, where="post", label="training jobs running")
            ax.set_ylabel("jobs")
            twin = ax.twinx()
            twin.step(series.t_s, series.busy_satellites, where="post", color="tab:orange", label="satellites training")
            if "satellites_down" in series and series.satellites_down.max() > 0:
                twin.step(series.t_s, series.satellites_down, where="post", color="tab:red", label="satellites down")
            twin.set_ylabel("satellites")
            lines = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
            twin.legend(lines, [line.get_label() for line in lines], fontsize=8, loc="upper right")
        else:  # one row per kind, a tick at each failure's own time (not at the samples)
            kinds = sorted(failures.kind.unique())
            for k, kind in enumerate(kinds):
                times = failures[failures.kind == kind].time_s
                ax.plot(times, np.full(len(times), k), "|", color=FAILURE_COLOURS.get(kind, "k"), markersize=9)
            ax.set_yticks(range(len(kinds)))
            ax.set_yticklabels([f"{kind} ({(failures.kind == kind).sum()})" for kind in kinds], fontsize=8)
            ax.set_ylim(-0.7, len(kinds) - 0.3)
            ax.set_ylabel("failures")
        ax.grid(alpha=0.3)
    axes[-1].set_xlabel("simulated time (s)")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return panels


def training_throughput(jobs, out):
    """Per job: goodput (iterations kept) against throughput (every iteration computed) in tokens/s, and
    where its iterations' time went; False when no job has token counts (iter_compute_s-only jobs)."""
    known = jobs[jobs.goodput_tokens_per_s.notna() & (jobs.goodput_tokens_per_s > 0)]
    if not len(known):
        return False
    fig, (tokens, parts) = plt.subplots(1, 2, figsize=(12, 0.45 * len(known) + 1.8), sharey=True)
    y = np.arange(len(known))
    tokens.barh(y - 0.2, known.throughput_tokens_per_s / 1e3, height=0.4, color="0.7", label="throughput (every iteration)")
    tokens.barh(y + 0.2, known.goodput_tokens_per_s / 1e3, height=0.4, color="tab:blue", label="goodput (iterations kept)")
    tokens.set_yticks(y)
    tokens.set_yticklabels([f"{j} ({s})" for j, s in zip(known.job_id, known.status)], fontsize=8)
    tokens.invert_yaxis()
    tokens.set_xlabel("training tokens/s (thousands)")
    tokens.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=2)
    left = np.zeros(len(known))
    for column, label in (("mean_compute_s", "compute"), ("mean_bubble_s", "pipeline bubble"),
                          ("mean_exposed_comm_s", "exposed communication")):
        values = known[column].fillna(0.0).to_numpy()
        parts.barh(y, values, left=left, height=0.6, label=label)
        left += values
    parts.set_xlabel("mean iteration time (s)")
    parts.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=3)
    for ax in (tokens, parts):
        ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=120, bbox_inches="tight")  # the legends below the axes
    plt.close(fig)
    return True


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


def lon_lat_deg(x, y, z):
    """Geocentric longitude and latitude (within 0.2 degree of geodetic: fine for a world map)."""
    return np.degrees(np.arctan2(y, x)), np.degrees(np.arctan2(z, np.hypot(x, y)))


def plot_unwrapped(ax, lon, lat, **style):
    """A track as lines, broken where it crosses the antimeridian."""
    breaks = np.where(np.abs(np.diff(lon)) > 180)[0] + 1
    for part_lon, part_lat in zip(np.split(lon, breaks), np.split(lat, breaks)):
        ax.plot(part_lon, part_lat, **style)


def routes_in_use(run, t_s, limit):
    """(from, to) node names of the routes the run used at t_s: requests in flight (station to serving satellite),
    then running training jobs' rings (each member to the next), at most `limit`."""
    routes = []
    requests = read_csv(run, "requests.csv")
    if requests is not None and len(requests):
        flying = requests[(requests.arrival_s <= t_s) & (requests.last_token_s.astype(float) > t_s) &
                          requests.serving_satellite.notna()]
        routes += [(a, b) for a, b in zip(flying.source_gs, flying.serving_satellite)]
    jobs = read_csv(run, "jobs.csv")
    if jobs is not None and len(jobs):
        running = jobs[(jobs.start_s.astype(float) <= t_s) & (jobs.end_s.astype(float) > t_s) & jobs.satellites.notna()]
        for ring in running.satellites:
            members = str(ring).split(";")
            if len(members) > 1:
                routes += [(a, b) for a, b in zip(members, members[1:] + members[:1])]
    unique = list(dict.fromkeys(routes))
    return unique[:limit], len(unique)


def draw_routes(ax, packets, where):
    """Each exported route as it was at the export's first instant, hop by hop; returns how many."""
    first_path = {}
    for p in packets[1:]:
        if p["id"].startswith("route-"):
            start = min(a.split("/")[0] for a in p["availability"])
            if p["name"] not in first_path or start < first_path[p["name"]][0]:
                first_path[p["name"]] = (start, p)
    for _, p in first_path.values():
        ends = [where[r.split("#")[0]][0] for r in p["polyline"]["positions"]["references"]]
        lon, lat = lon_lat_deg(*np.array(ends).T)
        plot_unwrapped(ax, lon, lat, color="crimson", linewidth=1.6, alpha=0.8, zorder=5)
    return len(first_path)


def constellation_map(run, orbitsim, t_s, out, extra_routes=(), max_routes=40):
    """Satellites, stations and the run's links at t_s (failures applied), with 10-minute ground tracks, and the
    routes in use then. Returns how many routes it drew."""
    in_use, in_use_total = routes_in_use(run, t_s, max_routes)
    asked = [tuple(r.split(":", 1)) for r in extra_routes]
    with tempfile.TemporaryDirectory() as tmp:
        czml = os.path.join(tmp, "map.czml")
        route_args = [a for pair in in_use + asked for a in ("--route", f"{pair[0]}:{pair[1]}")]
        subprocess.run([orbitsim, "export", "czml", run, "--to", czml, "--times", f"{t_s}:{t_s + 1}:1", "--quiet"] +
                       route_args, check=True)
        packets = json.load(open(czml))
    platform = os.path.join(run, "platform.yaml")
    tracks = subprocess.run([orbitsim, "positions", platform, "--times", f"{max(0.0, t_s - 600)}:{t_s}:30"],
                            check=True, capture_output=True, text=True).stdout
    tracks = pd.read_csv(__import__("io").StringIO(tracks))
    failed = set()
    failures = read_csv(run, "failures.csv")
    if failures is not None:
        down = failures[(failures.kind == "satellite") & (failures.time_s <= t_s) &
                        (failures.time_s + failures.duration_s.astype(float) > t_s)]
        failed = set(down.target)
    where = {}
    for p in packets[1:]:
        position = p.get("position", {})
        if "cartesian" in position:
            c = position["cartesian"]
            where[p["id"]] = (c[1:4] if position.get("epoch") else c[0:3], p["name"])
    fig, ax = plt.subplots(figsize=(12, 6.2))
    ax.set_xlim(-180, 180)
    ax.set_ylim(-90, 90)
    ax.set_aspect("equal")
    for _, track in tracks.groupby("sat_id"):
        plot_unwrapped(ax, track.lon_deg.to_numpy(), track.lat_deg.to_numpy(), color="0.85", linewidth=0.4, zorder=1)
    kinds = {"isl": ("tab:blue", 0.3, "ISL"), "gsl": ("tab:green", 0.9, "GSL")}
    for p in packets[1:]:
        kind = p["id"].split("-")[0]
        if kind not in kinds or not any(s["boolean"] for s in p["polyline"]["show"][:1]):
            continue
        ends = [where[r.split("#")[0]][0] for r in p["polyline"]["positions"]["references"]]
        lon, lat = lon_lat_deg(*np.array(ends).T)
        if abs(lon[1] - lon[0]) < 180:
            colour, width, _ = kinds[kind]
            ax.plot(lon, lat, color=colour, linewidth=width, zorder=2)
    sats = [(lon_lat_deg(*xyz), name) for key, (xyz, name) in where.items() if key.startswith("sat-")]
    stations = [(lon_lat_deg(*xyz), name) for key, (xyz, name) in where.items() if key.startswith("gs-")]
    # Load: satellites coloured by their compute utilisation over the run (nodes.csv), stations sized by the
    # requests they sent (requests.csv).
    nodes = read_csv(run, "nodes.csv")
    busy = dict(zip(nodes.name, nodes.utilisation)) if nodes is not None else {}
    alive = [(ll, name) for ll, name in sats if name not in failed]
    up = np.array([ll for ll, _ in alive]).reshape(-1, 2)
    if busy:
        load = np.array([busy.get(name, 0.0) for _, name in alive])
        dots = ax.scatter(up[:, 0], up[:, 1], s=4 + 30 * load, c=100.0 * load, cmap="viridis", vmin=0.0,
                          vmax=max(1.0, 100.0 * load.max()), zorder=3, label="satellite (colour: utilisation)")
        fig.colorbar(dots, ax=ax, shrink=0.7, pad=0.01, label="compute utilisation over the run (%)")
    else:
        ax.scatter(up[:, 0], up[:, 1], s=3, color="0.3", zorder=3, label="satellite")
    down_ll = np.array([ll for ll, name in sats if name in failed]).reshape(-1, 2)
    if len(down_ll):
        ax.scatter(down_ll[:, 0], down_ll[:, 1], s=25, marker="x", color="red", zorder=4,
                   label=f"failed satellite ({len(down_ll)})")
    st = np.array([ll for ll, _ in stations]).reshape(-1, 2)
    requests = read_csv(run, "requests.csv")
    sent = requests.source_gs.value_counts().to_dict() if requests is not None and len(requests) else {}
    if sent:
        count = np.array([sent.get(name, 0) for _, name in stations], dtype=float)
        ax.scatter(st[:, 0], st[:, 1], s=8 + 120 * count / max(count.max(), 1.0), marker="^", color="orange",
                   edgecolor="0.2", linewidth=0.3, zorder=4,
                   label=f"ground station (size: requests sent, at most {int(count.max())})")
    else:
        ax.scatter(st[:, 0], st[:, 1], s=14, marker="^", color="orange", zorder=4, label="ground station")
    drawn = draw_routes(ax, packets, where)
    for colour, width, label in kinds.values():
        ax.plot([], [], color=colour, linewidth=1, label=label)
    if drawn:
        shown = f"{drawn} of {in_use_total + len(asked)}" if in_use_total > len(in_use) else f"{drawn}"
        ax.plot([], [], color="crimson", linewidth=1.6,
                label=f"routes in use ({shown}: requests in flight, training rings{', asked' if asked else ''})")
    ax.legend(loc="lower left", fontsize=8)
    ax.set_xlabel("longitude (deg)")
    ax.set_ylabel("latitude (deg)")
    ax.set_title(f"{packets[0]['name']} at t = {t_s:g} s: links in the topology, 10-minute ground tracks")
    ax.grid(linewidth=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return drawn


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="an orbitsim run output folder")
    parser.add_argument("--to", help="folder for the PNGs (default: the run folder)")
    parser.add_argument("--map-time", type=float, help="seconds after the epoch for map.png (default: the end of the run)")
    parser.add_argument("--route", action="append", default=[], metavar="A:B",
                        help="also draw the route between two nodes (stations or satellites) on map.png (repeatable)")
    parser.add_argument("--max-routes", type=int, default=40,
                        help="routes in use drawn on map.png at most (default 40; requests first, then training rings)")
    parser.add_argument("--orbitsim", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "orbitsim"),
                        help="the orbitsim binary for map.png (default: build/orbitsim)")
    args = parser.parse_args()
    if not os.path.isdir(args.run):
        sys.exit(f"plot_run: {args.run}: no such folder")
    to = args.to or args.run
    os.makedirs(to, exist_ok=True)
    written = []
    summary_file = os.path.join(args.run, "summary.json")
    summary = json.load(open(summary_file)) if os.path.exists(summary_file) else {}
    requests = read_csv(args.run, "requests.csv")
    if requests is not None and len(requests):
        latency_cdf(requests, summary.get("inference", {}).get("slo"), os.path.join(to, "latency_cdf.png"))
        written.append("latency_cdf.png (p50, p99, SLO)")
    series = read_csv(args.run, "timeseries.csv")
    if series is not None and len(series):
        failures = read_csv(args.run, "failures.csv")
        panels = throughput(series, failures, os.path.join(to, "throughput.png"))
        written.append(f"throughput.png ({', '.join(panels)})")
    jobs = read_csv(args.run, "jobs.csv")
    if jobs is not None and len(jobs) and training_throughput(jobs, os.path.join(to, "training.png")):
        written.append("training.png")
    nodes = read_csv(args.run, "nodes.csv")
    if nodes is not None and utilisation_map(nodes, os.path.join(to, "utilisation_map.png")):
        written.append("utilisation_map.png")
    power = read_csv(args.run, "power.csv")
    if power is not None and len(power):
        power_over_time(power, os.path.join(to, "power.png"))
        written.append("power.png")
        if throttled_map(power, os.path.join(to, "throttled_map.png")):
            written.append("throttled_map.png")
    if summary and os.path.exists(args.orbitsim):
        horizon = summary["horizon_s"]
        t = args.map_time if args.map_time is not None else max(0.0, horizon - 1)
        routes = constellation_map(args.run, args.orbitsim, t, os.path.join(to, "map.png"), args.route, args.max_routes)
        written.append(f"map.png ({routes} route{'' if routes == 1 else 's'} at t = {t:g} s)")
    if not written:
        sys.exit(f"plot_run: {args.run}: no requests.csv, timeseries.csv, nodes.csv or power.csv to plot")
    print(f"plot_run: wrote {', '.join(written)} to {to}")


if __name__ == "__main__":
    main()
