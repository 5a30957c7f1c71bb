"""Lines of means with asymmetric 95 % intervals that stay distinguishable when they coincide: each line
has its own marker and line style and is shifted sideways by a small offset. Shared by plot_compare.py
and plot_sweep.py."""

MARKERS = "osD^vP*X"
STYLES = ["-", "--", "-.", ":"]


def draw(ax, lines, step):
    """lines: [(label, x, mean, low, high)] of pandas Series; step: the smallest gap between x values."""
    for i, (label, x, mean, low, high) in enumerate(lines):
        below = (mean - low).fillna(0.0).clip(lower=0.0)
        above = (high - mean).fillna(0.0).clip(lower=0.0)
        offset = (i - (len(lines) - 1) / 2) * 0.04 * (step or 1.0)
        ax.errorbar(x + offset, mean, yerr=[below, above], marker=MARKERS[i % len(MARKERS)],
                    linestyle=STYLES[i % len(STYLES)], capsize=3, label=label, alpha=0.9)
