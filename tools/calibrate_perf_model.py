#!/usr/bin/python3
"""Derive the inference timing entries of workloads/models.yaml from SplitwiseSim's measured table.

For one (model, hardware, tensor_parallel): the median prefill time per batch-token count
(prompt_size x batch_size; the Splitwise method of piecewise-linear interpolation) and a least-squares
line of the median decode step time against batch size. Prints YAML to paste into models.yaml.

With a fifth argument, the power of each phase from that hardware's runs of the same model and
tensor parallelism (the table's H100 rows carry no power, its A100 rows do): each run's average_power
(a fraction of the accelerator's rated power) is the time-weighted mean of a prefill and a decode
fraction, average_power x e2e_time = prefill_fraction x prompt_time + decode_fraction x (e2e_time -
prompt_time); the two fractions are the least-squares solution over the runs. Runs with 8192-token
prompts are left out: their average power (0.17-0.18 of rated) is below that of every shorter prompt
and of the decode-bound runs, which no phase split explains.

    /usr/bin/python3 tools/calibrate_perf_model.py workloads/data/splitwise_perf_model.csv llama2-70b h100-80gb 8 a100-80gb
"""
import sys

import numpy as np
import pandas as pd


def timing(d):
    d = d.copy()
    d["batch_tokens"] = d.prompt_size * d.batch_size
    prefill = d.groupby("batch_tokens").prompt_time.median()
    decode = d.groupby("batch_size").token_time.median()
    c, a = np.polyfit(decode.index.values.astype(float), decode.values, 1)
    print(f"prefill_tokens: [{', '.join(str(int(t)) for t in prefill.index)}]")
    print(f"prefill_ms: [{', '.join(f'{v:.1f}' for v in prefill.values)}]")
    print(f"decode_a_ms: {a:.2f}")
    print("decode_per_context_token_ms: 0.0")
    print(f"decode_per_sequence_ms: {c:.4f}")
    worst = max(abs((a + c * b) - v) / v for b, v in decode.items())
    print(f"# decode fit: worst relative error {100 * worst:.1f}% over batch sizes {list(decode.index)}")


def phase_power(d, path, hardware):
    d = d[(d.average_power > 0) & (d.prompt_size < 8192)]
    if d.empty:
        sys.exit(f"{path}: no runs with a measured average_power for hardware={hardware}")
    prefill_share = d.prompt_time / d.e2e_time
    a = np.c_[prefill_share, 1.0 - prefill_share]
    (prefill, decode), *_ = np.linalg.lstsq(a, d.average_power.values, rcond=None)
    error = np.abs(a @ [prefill, decode] - d.average_power.values) / d.average_power.values
    print(f"prefill_power_fraction: {prefill:.3f}")
    print(f"decode_power_fraction: {decode:.3f}")
    print(f"# power fit on {len(d)} {hardware} runs: run-average power within {100 * np.median(error):.1f}% "
          f"(median), {100 * error.max():.1f}% (worst); by batch size:")
    for batch, g in d.groupby("batch_size"):
        share = g.prompt_time / g.e2e_time
        model = prefill * share + decode * (1.0 - share)
        print(f"#   batch {batch}: measured {g.average_power.median():.3f}, model {model.median():.3f}")


def main(path, model, hardware, tp, power_hardware=None):
    df = pd.read_csv(path)
    rows = (df.model == model) & (df.tensor_parallel == int(tp))
    d = df[rows & (df.hardware == hardware)]
    if d.empty:
        sys.exit(f"{path}: no rows for model={model} hardware={hardware} tensor_parallel={tp}")
    print(f"# {model} on {hardware} TP{tp}: {len(d)} runs from {path}")
    timing(d)
    if power_hardware:
        phase_power(df[rows & (df.hardware == power_hardware)], path, power_hardware)


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    main(*sys.argv[1:])
