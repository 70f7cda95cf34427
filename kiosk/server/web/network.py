"""The staff page of a network account (``server add-staff --network``): a site picker,
one line per site and the network's total, the total's counts and chart, then a chart
per site; each site's CSV and the network's. A site's staff never get here (their page
is their site's report, kiosk.server.web.pages.report_page)."""

from __future__ import annotations

from datetime import datetime

from kiosk.reports.network import NetworkReport, summary
from kiosk.server.web.chart import month_chart
from kiosk.server.web.pages import Page, count_text, document, esc, report_tables, totals_table


def site_picker(page: Page, year: int, names: list[str], chosen: str | None) -> str:
    """A form (no script: the page allows none) choosing a site or the whole network."""
    w = page.words
    options = [
        f'<option value=""{" selected" if chosen is None else ""}>{esc(w["whole_network"])}'
        "</option>"
    ]
    options += [
        f'<option value="{esc(name)}"{" selected" if name == chosen else ""}>{esc(name)}</option>'
        for name in names
    ]
    hidden = f'<input type="hidden" name="year" value="{year}">'
    if page.pinned:
        hidden += f'<input type="hidden" name="lang" value="{esc(w["lang"])}">'
    return (
        f'<form class="picker" method="get" action="/staff/reports">{hidden}'
        f'<label for="site">{esc(w["pick_site"])}</label>'
        f'<select id="site" name="site">{"".join(options)}</select> '
        f'<button type="submit">{esc(w["show"])}</button></form>'
    )


def sites_table(page: Page, network: NetworkReport) -> str:
    """One line per site, then the network's, each with its CSV."""
    w = page.words
    heads = [
        w["site_column"],
        w["visits"],
        w["unique_visitors"],
        w["new_members"],
        w["guests"],
        w["network_visits"],
        w["ws_workshops"],
        w["ws_hours"],
    ]
    year = network.year
    lines = [(s.site, s.report, {"site": s.site}) for s in network.sites]
    lines.append((w["network_row"], network.total, {"network": "1"}))
    body = "".join(
        f'<tr><th scope="row"><a href="{esc(page.url("/staff/reports", year=year, **keep))}">'
        f"{esc(name)}</a></th>"
        + "".join(f'<td class="num">{count_text(page, n)}</td>' for n in summary(report))
        + f'<td><a href="{esc(page.url("/staff/reports/visits.csv", year=year, **keep))}" '
        f'download aria-label="{esc(w["site_csv"])} {esc(name)}">{esc(w["site_csv"])}</a></td>'
        "</tr>"
        for name, report, keep in lines
    )
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in heads)
    return (
        f'<table id="by-site"><caption>{esc(w["by_site"])}</caption>'
        f"<thead><tr>{head}<th></th></tr></thead><tbody>{body}</tbody></table>\n"
        f'<p class="muted">{esc(w["people_per_site"])}</p>'
    )


def network_page(
    page: Page,
    network: NetworkReport,
    staff: str,
    computed: datetime,
    sign_out_token: str,
) -> str:
    w = page.words
    year, total = network.year, network.total
    title = w["network_title"].format(year=year)
    about = w["network_about"].format(
        sites=len(network.sites), when=computed.strftime("%Y-%m-%d %H:%M")
    )
    nav = [f'<nav class="years" aria-label="{esc(w["years"])}">']
    for shown, rel, label in (
        (year - 1, "prev", w["previous_year"]),
        (year + 1, "next", w["next_year"]),
    ):
        if 2000 <= shown <= 2100:
            arrow = f"← {shown}" if rel == "prev" else f"{shown} →"
            nav.append(
                f'<a href="{esc(page.url("/staff/reports", year=shown, network="1"))}" '
                f'rel="{rel}" aria-label="{esc(label)} {shown}">{arrow}</a>'
            )
    nav.append(
        f'<a href="{esc(page.url("/staff/reports/visits.csv", year=year, network="1"))}" '
        f"download>{esc(w['download_network_csv'])}</a></nav>"
    )
    parts = [
        f"<h1>{esc(title)}</h1>",
        site_picker(page, year, [s.site for s in network.sites], None),
        f'<p class="muted">{esc(about)}</p>',
        "".join(nav),
        sites_table(page, network),
        totals_table(page, total),
        month_chart(page, year, total.by_month, total.previous_year.by_month),
        '<div class="grid">',
        *report_tables(page, total),
        "</div>",
    ]
    for index, site in enumerate(network.sites):
        chart_title = w["site_chart"].format(site=site.site, year=year, previous=year - 1)
        parts.append(
            month_chart(
                page,
                year,
                site.report.by_month,
                site.report.previous_year.by_month,
                f"chart-site-{index}",
                chart_title,
            )
        )
    return document(page, title, "\n".join(parts), staff, sign_out_token)
