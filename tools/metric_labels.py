"""Readable axis labels for orbitsim's metric names: words instead of underscores, the unit the name ends
with in parentheses (ttft_p99_s -> "TTFT p99 (s)", energy_per_output_token_j -> "energy per output token (J)");
fractions and shares (0 to 1) keep their name and have no unit."""

UNITS = [("_tokens_per_s", "tokens/s"), ("_requests_per_s", "requests/s"), ("_per_s", "1/s"),
         ("_satellite_h", "satellite-h"), ("_s", "s"), ("_j", "J"), ("_wh", "Wh"), ("_h", "h"), ("_w", "W"),
         ("_bps", "bit/s"), ("_km", "km"), ("_m", "m")]
WORDS = {"ttft": "TTFT", "tpot": "TPOT", "e2e": "E2E", "jct": "JCT", "slo": "SLO", "isl": "ISL", "gsl": "GSL",
         "mfu": "MFU"}


def label(metric):
    """The metric's name as words, with its unit (from the name's suffix) in parentheses."""
    unit = None
    for suffix, text in UNITS:  # longest suffixes first
        if metric.endswith(suffix):
            metric, unit = metric[: -len(suffix)], text
            break
    words = " ".join(WORDS.get(w, w) for w in metric.split("_"))
    return f"{words} ({unit})" if unit else words
