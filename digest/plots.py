"""PNG plots for the digest, drawn with matplotlib's Agg canvas (no pyplot state, no display):
companies and topics over the periods, and how the items' relevance scores spread.

Byte-identical for the same digest: the PNG's metadata is emptied (matplotlib would write its
version as 'Software'), the font is the DejaVu Sans matplotlib ships, and series are drawn in a
fixed order. Plots are only written when there is something to show, and when matplotlib is
installed (pip install 'news-enhancer[digest]'; the server does not need it): without it the report
is written without plots, and a warning says how to get them.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

log = logging.getLogger(__name__)

SERIES = 8  # companies or topics drawn: the most counted over all periods
SIZE = (8, 4.5)
DPI = 100


def write_plots(digest: dict, folder: Path) -> list[dict]:
    """Write the plots under `folder`; [{title, path}] with paths relative to folder's parent."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        log.warning("no plots: matplotlib is not installed (pip install 'news-enhancer[digest]')")
        return []
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, title, draw in (("companies.png", "Companies over time", _companies),
                              ("topics.png", "Topics over time", _topics),
                              ("relevance.png", "Relevance of the items", _relevance)):
        figure = draw(digest, title)
        if figure is None:
            continue
        figure.savefig(folder / name, dpi=DPI, metadata={"Software": None})
        written.append({"title": title, "path": f"{folder.name}/{name}"})
    return written


def _figure():
    """A figure of its own (Figure, not pyplot: nothing global is left behind) in the shipped font."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        figure = Figure(figsize=SIZE, layout="constrained")
        return figure, figure.add_subplot()


def _over_time(digest: dict, title: str, part: str, key: str):
    """A line per name over the periods; one period: a bar per name (a line of one point says nothing)."""
    periods = digest["periods"]
    totals = Counter()
    for period in periods:
        for row in period[part]:
            totals[row[key]] += len(row["stories"])
    names = [name for name, _ in sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))[:SERIES]]
    if not names:
        return None
    figure, axes = _figure()
    if len(periods) == 1:
        axes.barh(names[::-1], [totals[name] for name in names[::-1]])
        axes.set_title(f"{title.split(' over ')[0]}, {periods[0]['key']}")
        axes.set_xlabel("stories")
        axes.xaxis.get_major_locator().set_params(integer=True)
        return figure
    labels = [period["key"] for period in periods]
    for name in names:
        per_period = [next((len(r["stories"]) for r in period[part] if r[key] == name), 0) for period in periods]
        axes.plot(labels, per_period, marker="o", label=name)
    axes.set_title(title)
    axes.set_ylabel("stories")
    axes.set_ylim(bottom=0)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(axis="x", labelrotation=45 if len(labels) > 6 else 0)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return figure


def _companies(digest: dict, title: str):
    return _over_time(digest, title, "companies", "name")


def _topics(digest: dict, title: str):
    return _over_time(digest, title, "topics", "topic")


def _relevance(digest: dict, title: str):
    scores = Counter((item["metadata"]["relevance_score"], item["sponsored"])
                     for item in digest["items"] if item["metadata"])
    if not scores:
        return None
    figure, axes = _figure()
    values = range(1, 11)
    editorial = [scores[(v, False)] for v in values]
    axes.bar(values, editorial, label="editorial")
    axes.bar(values, [scores[(v, True)] for v in values], bottom=editorial, label="sponsored")
    axes.set_xticks(list(values))
    axes.set_title(title)
    axes.set_xlabel("relevance_score")
    axes.set_ylabel("items")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend()
    return figure
