#!/usr/bin/python3
"""Derive the inference timing entries of workloads/models.yaml from SplitwiseSim's measured table.

For one (model, hardware, tensor_parallel): the median prefill time per batch-token count
(prompt_size x batch_size; the Splitwise method of piecewise-linear interpolation) and a least-squares
line of the median decode step time against batch size. Prints YAML to paste into models.yaml.

    /usr/bin/python3 tools/calibrate_perf_model.py workloads/data/splitwise_perf_model.csv llama2-70b h100-80gb 8
"""
import sys

import numpy as np
import pandas as pd


def main(path, model, hardware, tp):
    df = pd.read_csv(path)
    d = df[(df.model == model) & (df.hardware == hardware) & (df.tensor_parallel == int(tp))].copy()
    if d.empty:
        sys.exit(f"{path}: no rows for model={model} hardware={hardware} tensor_parallel={tp}")
    d["batch_tokens"] = d.prompt_size * d.batch_size
    prefill = d.groupby("batch_tokens").prompt_time.median()
    decode = d.groupby("batch_size").token_time.median()
    c, a = np.polyfit(decode.index.values.astype(float), decode.values, 1)
    print(f"# {model} on {hardware} TP{tp}: {len(d)} runs from {path}")
    print("prefill_table:")
    print(f"  tokens: [{', '.join(str(int(t)) for t in prefill.index)}]")
    print(f"  ms: [{', '.join(f'{v:.1f}' for v in prefill.values)}]")
    print(f"decode: {{a_ms: {a:.2f}, per_context_token_ms: 0.0, per_sequence_ms: {c:.4f}}}")
    worst = max(abs((a + c * b) - v) / v for b, v in decode.items())
    print(f"# decode fit: worst relative error {100 * worst:.1f}% over batch sizes {list(decode.index)}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
