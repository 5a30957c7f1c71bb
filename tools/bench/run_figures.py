#!/usr/bin/python3
"""Prints a benchmark run's figures from its output folder: wall time, real-time factor, peak RSS, threads,
the CPU time of the simulation's thread and of each prefetch lane (which of them bounds the run), and what
the workloads got through.
    /usr/bin/python3 tools/bench/run_figures.py OUT_DIR DURATION_S"""
import json
import sys

out, duration = sys.argv[1], float(sys.argv[2])
info = json.load(open(out + "/run_info.json"))
summary = json.load(open(out + "/summary.json"))
wall = info["wall_time_s"]
print(f"simulated {duration:.0f} s in {wall:.1f} s wall: {duration / wall:.0f}x real time; "
      f"peak RSS {info['peak_rss_mb']:.0f} MB; {info.get('threads', 1)} threads")
cpu = info.get("cpu_time_s")
if cpu:
    lanes = cpu["prefetch_lanes"]
    print(f"CPU: simulation thread {cpu['simulation_thread']:.1f} s ({cpu['simulation_thread'] / wall:.0%} of the wall)"
          + (f", prefetch lanes {' + '.join(f'{s:.1f}' for s in lanes)} s" if lanes else ", no prefetch lanes"))
parts = []
if summary.get("inference", {}).get("requests_submitted"):
    requests = summary["inference"]["requests_by_status"]
    parts.append(f"requests: {summary['inference']['requests_submitted']} submitted, {requests.get('finished', 0)} finished")
if summary.get("training", {}).get("jobs_submitted"):
    jobs = summary["training"]["jobs_by_status"]
    parts.append(f"training jobs: {summary['training']['jobs_submitted']} submitted, {jobs.get('finished', 0)} finished")
print("; ".join(parts))
