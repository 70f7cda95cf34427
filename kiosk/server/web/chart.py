"""The staff pages' chart: visits by month as inline SVG, this year beside the last."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.server.web.pages import Page

THIS_YEAR, LAST_YEAR = "#1d4f91", "#707070"  # both over 4.5:1 on white, told apart by lightness


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)  # as kiosk.server.web.pages.esc


# --- the chart --------------------------------------------------------------------------

WIDTH, HEIGHT = 860, 330
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 40, 34


def nice_scale(highest: int) -> tuple[int, int]:
    """The top of the axis and its step: 1, 2 or 5 times a power of ten, about 4 steps."""
    if highest <= 0:
        return 4, 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if highest <= 4 * step * factor:
                chosen = step * factor
                return -(-highest // chosen) * chosen, chosen
        step *= 10


def month_chart(
    page: Page,
    year: int,
    this: Sequence[int],
    last: Sequence[int],
    ident: str = "chart",
    title: str | None = None,
) -> str:
    """Visits by month as SVG bars: last year (grey) then this year (blue) per month,
    each with its value above and a ``<title>`` read by screen readers and on hover.
    *ident*: unique on the page (a network's page has one chart per site)."""
    w = page.words
    title = title or w["chart_title"].format(year=year, previous=year - 1)
    names, short = w["months"].split(), w["months_short"].split()
    top, step = nice_scale(max([*this, *last, 0]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    group = plot_w / 12
    bar = group * 0.36
    out = [
        f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg" font-size="13">',
        f'<title id="{ident}-title">{esc(title)}</title>',
        f'<desc id="{ident}-desc">{esc(w["chart_desc"].format(year=year, previous=year - 1))}'
        "</desc>",
    ]
    for value in range(0, top + 1, step):
        y = base - value * plot_h / top
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{"#1a1a1a" if value == 0 else "#d6d6d6"}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#333">'
            f"{page.number(value)}</text>"
        )
    for label_x, color, shown in ((LEFT, LAST_YEAR, year - 1), (LEFT + 90, THIS_YEAR, year)):
        out.append(
            f'<rect x="{label_x}" y="10" width="14" height="14" fill="{color}"/>'
            f'<text x="{label_x + 20}" y="22" fill="#1a1a1a">{shown}</text>'
        )
    for month in range(12):
        x0 = LEFT + month * group + group * 0.12
        for k, (values, color, shown) in enumerate(
            ((last, LAST_YEAR, year - 1), (this, THIS_YEAR, year))
        ):
            n = values[month]
            x = x0 + k * bar
            height = n * plot_h / top
            label = w["chart_bar"].format(month=names[month], year=shown, n=page.number(n))
            out.append(
                f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{bar - 2:.1f}" '
                f'height="{height:.1f}" fill="{color}"><title>{esc(label)}</title></rect>'
            )
            if n:
                out.append(
                    f'<text x="{x + bar / 2 - 1:.1f}" y="{base - height - 4:.1f}" '
                    f'text-anchor="middle" font-size="11" fill="#1a1a1a">{page.number(n)}</text>'
                )
        out.append(
            f'<text x="{LEFT + (month + 0.5) * group:.1f}" y="{base + 20}" text-anchor="middle" '
            f'fill="#1a1a1a">{esc(short[month])}</text>'
        )
    out.append("</svg>")
    return f"<figure><figcaption>{esc(title)}</figcaption>{''.join(out)}</figure>"
