"""The monthly report's chart, drawn for paper in black and white.

Two panels: the cases by type of violence, and for each SOP step run that
month its median time beside its mutu baku. Meaning never rests on colour:
the median is a solid dark grey bar, the standard a white bar hatched
``///``, every bar carries its value, and a step that ran over says so in
words. Fonts are large enough to read on a printed A4 page.

matplotlib (extra ``surat[laporan]``) is imported here only, with its Agg
canvas and no pyplot state: drawing is safe in a server thread.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..errors import SuratError

if TYPE_CHECKING:
    from .laporan import Laporan

__all__ = ["chart"]

GELAP = "0.30"
"""The median's fill: dark grey, distinct from the white hatched standard."""
SEDANG = "0.60"
MAX_LANGKAH = 16
"""Steps drawn at most, so the chart keeps to its page; the table lists every step."""


def chart(laporan: Laporan, *, dpi: int = 200) -> bytes:
    """The chart as PNG bytes, 16 cm wide (the text width of an A4 page)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        raise SuratError(
            "laporan: grafik memerlukan tambahan surat[laporan] (pip install 'surat[laporan]')"
        ) from None
    recorded = [s for s in laporan.langkah if s.jumlah]
    steps = recorded[:MAX_LANGKAH]
    more = f" ({len(steps)} pertama dari {len(recorded)})" if len(recorded) > len(steps) else ""
    cm = 1 / 2.54
    height = 7.0 + 1.0 * max(len(steps), 1)
    fig = Figure(figsize=(16 * cm, height * cm), dpi=dpi)
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2, 1, height_ratios=[7, 1.0 * max(len(steps), 1) + 1.2], hspace=0.55)

    # (a) cases by type of violence
    ax = fig.add_subplot(grid[0])
    names = list(laporan.jenis_kekerasan)[::-1]
    values = [laporan.jenis_kekerasan[n] for n in names]
    bars = ax.barh(names, values, color=SEDANG, edgecolor="black", linewidth=0.8, height=0.6)
    ax.bar_label(bars, padding=3, fontsize=10)
    ax.set_title("Kasus menurut jenis kekerasan", fontsize=11, fontweight="bold", loc="left")
    ax.set_xlim(0, max([*values, 1]) * 1.2 + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=10)
    ax.set_xlabel("jumlah kasus", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    # (b) median time of each step against its mutu baku
    bx = fig.add_subplot(grid[1])
    bx.set_title(
        f"Waktu tiap langkah SOP (menit){more}",
        fontsize=11, fontweight="bold", loc="left", pad=22 if steps else 6,
    )  # fmt: skip
    if not steps:
        bx.text(0.5, 0.5, "Belum ada langkah tercatat bulan ini", ha="center", va="center",
                fontsize=10, transform=bx.transAxes)  # fmt: skip
        bx.set_axis_off()
    else:
        labels = [f"SOP {s.sop} langkah {s.langkah}" for s in steps][::-1]
        median = [(s.median.total_seconds() if s.median else 0) / 60 for s in steps][::-1]
        baku = [s.mutu_baku.total_seconds() / 60 for s in steps][::-1]
        late = [s.terlambat for s in steps][::-1]
        y = list(range(len(steps)))
        h = 0.38
        b1 = bx.barh([v + h / 2 for v in y], median, height=h, color=GELAP, edgecolor="black",
                     linewidth=0.8, label="median")  # fmt: skip
        b2 = bx.barh([v - h / 2 for v in y], baku, height=h, color="white", edgecolor="black",
                     hatch="///", linewidth=0.8, label="mutu baku")  # fmt: skip
        bx.bar_label(b1, labels=[str(int(v + 0.5)) for v in median], padding=3, fontsize=10)
        bx.bar_label(b2, labels=[str(int(v + 0.5)) for v in baku], padding=3, fontsize=10)
        top = max([*median, *baku, 1])
        for yy, n in zip(y, late, strict=True):
            if n:
                bx.text(top * 1.2, yy + h / 2, f"terlambat {n}x", va="center", fontsize=10,
                        fontweight="bold")  # fmt: skip
        bx.set_yticks(y, labels)
        bx.set_xlim(0, top * 1.5)
        bx.tick_params(labelsize=10)
        bx.set_xlabel("menit", fontsize=10)
        for side in ("top", "right"):
            bx.spines[side].set_visible(False)
        bx.legend(
            handles=[
                Patch(facecolor=GELAP, edgecolor="black", label="waktu median"),
                Patch(facecolor="white", edgecolor="black", hatch="///", label="mutu baku"),
            ],
            loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, fontsize=10, frameon=False,
            borderaxespad=0.2,
        )  # fmt: skip
    fig.subplots_adjust(left=0.25, right=0.97, top=0.95, bottom=0.1)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return out.getvalue()
