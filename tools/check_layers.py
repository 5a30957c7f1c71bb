#!/usr/bin/env python3
"""Checks the layering of sim/ from its #include lines (README.md, "Layout"):

- only sim/platform includes SimGrid headers;
- the model layers (core, orbit, ground, world, topology, config, metrics) never reach sim/platform or
  sim/app, not even through the headers they include, so they never reach SimGrid or the CLI;
- topology never reaches config (config parses into topology's NetworkConfig, not the other way);
- core depends on nothing else in sim/, orbit on core alone;
- nothing outside sim/app includes sim/app.

Usage: check_layers.py [SIM_DIR]   (default: the sim/ beside this script's tools/)
Prints each violation with the include chain that causes it; exits 1 if there is one.
"""
import os
import re
import sys

MODEL_LAYERS = ("core", "orbit", "ground", "world", "topology", "config", "metrics")
INCLUDE = re.compile(r'\s*#\s*include\s*([<"])([^>"]+)[>"]')


def read_includes(sim_dir):
    """{'folder/file.hpp': [(kind, target)]} for every .hpp/.cpp under sim_dir."""
    files = {}
    for root, _, names in os.walk(sim_dir):
        for name in sorted(names):
            if name.endswith((".hpp", ".cpp")):
                path = os.path.join(root, name)
                key = os.path.relpath(path, sim_dir).replace(os.sep, "/")
                with open(path, encoding="utf-8") as f:
                    files[key] = [(m.group(1), m.group(2)) for m in map(INCLUDE.match, f) if m]
    return files


def chains_from(files, start):
    """Every file `start` reaches through project includes, with the chain that first reaches it."""
    chain = {start: [start]}
    todo = [start]
    while todo:
        current = todo.pop(0)
        for kind, target in files.get(current, []):
            if kind == '"' and target in files and target not in chain:
                chain[target] = chain[current] + [target]
                todo.append(target)
    return chain


def violations(files):
    out = []
    for path in sorted(files):
        layer = path.split("/")[0]
        for kind, target in files[path]:
            if kind == "<" and target.startswith(("simgrid/", "xbt/", "xbt.h")) and layer != "platform":
                out.append(f"{path}: includes <{target}>; only sim/platform talks to SimGrid")
            if kind == '"' and target.startswith("app/") and layer != "app":
                out.append(f"{path}: includes {target}; only sim/app is the command line")
            if kind == '"' and layer in ("core", "orbit"):
                allowed = ("core/",) if layer == "core" else ("core/", "orbit/")
                if not target.startswith(allowed):
                    out.append(f"{path}: includes {target}; {layer} depends on {' and '.join(a[:-1] for a in allowed)} only")
        if layer in MODEL_LAYERS:
            for reached, chain in chains_from(files, path).items():
                top = reached.split("/")[0]
                if top in ("platform", "app"):
                    out.append(f"{path}: reaches sim/{top} ({' -> '.join(chain)}); {layer} must not")
                    break
                if layer == "topology" and top == "config":
                    out.append(f"{path}: reaches config ({' -> '.join(chain)}); topology takes its settings, not the config")
                    break
    return out


def main():
    sim_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sim")
    files = read_includes(sim_dir)
    if not files:
        print(f"check_layers: no sources under {sim_dir}", file=sys.stderr)
        return 2
    found = violations(files)
    for line in found:
        print(line)
    print(f"check_layers: {len(files)} files, {len(found)} violation(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
