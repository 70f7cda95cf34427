"""The HTML of the staff web pages (kiosk.server.web.routes): French by default, English on
request; a small inline style and an inline SVG chart, no script, nothing fetched.

Every piece of text goes through :func:`esc`: space, purpose and kiosk names come
from kiosks and are never trusted.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from kiosk.reports.workshop_lines import hours
from kiosk.reports.yearly import YearlyReport
from kiosk.server.web.chart import month_chart
from kiosk.server.web.words import Words
from kiosk.workshops.counts import NO_FUNDER, UNKNOWN_AGE

STYLE = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1a1a1a;background:#fff}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;
justify-content:space-between;padding:.6rem 1rem;background:#1d4f91;color:#fff}
header a{color:#fff}
header form{margin:0}
.who{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.7rem;margin:.25rem 0}
a{color:#1d4f91}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #c77700;
outline-offset:2px}
button{font:inherit;padding:.45rem 1rem;border:2px solid #1d4f91;border-radius:.3rem;
background:#fff;color:#1d4f91;cursor:pointer}
button.primary{background:#1d4f91;color:#fff;margin-top:1.2rem}
.muted{color:#555}
nav.years{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;margin:.75rem 0}
.grid{display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));
align-items:start}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:700;font-size:1.1rem;padding:.25rem 0}
th,td{padding:.3rem .5rem;border-bottom:1px solid #c8c8c8;text-align:left;
vertical-align:top}
thead th{border-bottom:2px solid #1a1a1a}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.totals{max-width:40rem}
figure{margin:1.5rem 0;overflow-x:auto}
figure svg{display:block;width:100%;min-width:50rem;height:auto}
figcaption{font-weight:700;font-size:1.1rem}
.alert{border-left:.3rem solid #b00020;background:#fdecee;color:#6d0012;
padding:.5rem .75rem;max-width:26rem}
form.login{max-width:26rem}
label{display:block;font-weight:600;margin-top:1rem}
input{font:inherit;width:100%;padding:.5rem;border:1px solid #707070;border-radius:.3rem}
select{font:inherit;padding:.45rem;margin:.25rem .5rem 0 0;border:1px solid #707070;
border-radius:.3rem;max-width:100%}
form.picker label{margin-top:.25rem}
@media print{header form,nav.years,form.picker{display:none}}
"""


@dataclass(frozen=True)
class Page:
    """The language of a page, and the ``?lang=`` its links keep when one was asked for."""

    words: Words
    pinned: bool = False
    path: str = "/staff/login"
    params: tuple[tuple[str, str], ...] = ()  # of this page, but ``lang``

    def url(self, path: str, **params: Any) -> str:
        if self.pinned:
            params["lang"] = self.words["lang"]
        return f"{path}?{urlencode(params)}" if params else path

    def in_other_language(self) -> str:
        other = "en" if self.words["lang"] == "fr" else "fr"
        return f"{self.path}?{urlencode([*self.params, ('lang', other)])}"

    def number(self, n: int) -> str:
        return f"{n:,}".replace(",", self.words["thousands"])


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def document(
    page: Page, title: str, body: str, staff: str | None = None, sign_out_token: str = ""
) -> str:
    """A whole page; *staff* signed in get the sign-out button (its form carries
    *sign_out_token*, which another site cannot know)."""
    w = page.words
    other = "en" if w["lang"] == "fr" else "fr"
    switch = (
        f'<a href="{esc(page.in_other_language())}" lang="{other}" hreflang="{other}">'
        f"{esc(w['other_language'])}</a>"
    )
    who = ""
    if staff is not None:
        who = (
            f"<span>{esc(w['signed_in_as'].format(user=staff))}</span>"
            f'<form method="post" action="{esc(page.url("/staff/logout"))}">'
            f'<input type="hidden" name="form_token" value="{esc(sign_out_token)}">'
            f'<button type="submit">{esc(w["sign_out"])}</button></form>'
        )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{w["lang"]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{esc(title)} · {esc(w['site'])}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<header><strong>{esc(w["site"])}</strong><div class="who">{switch}{who}</div>'
        "</header>\n"
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def login_page(page: Page, form_token: str, username: str = "", error: str | None = None) -> str:
    w = page.words
    alert = f'<p class="alert" role="alert" id="login-error">{esc(error)}</p>\n' if error else ""
    described = ' aria-describedby="login-error"' if error else ""
    focus_user = "" if username else " autofocus"
    focus_password = " autofocus" if username else ""
    body = (
        f"<h1>{esc(w['login_title'])}</h1>\n{alert}"
        f'<form class="login" method="post" action="{esc(page.url("/staff/login"))}">\n'
        f'<input type="hidden" name="form_token" value="{esc(form_token)}">\n'
        f'<label for="username">{esc(w["username"])}</label>\n'
        f'<input id="username" name="username" autocomplete="username" required '
        f'maxlength="80" autocapitalize="none" spellcheck="false" value="{esc(username)}"'
        f"{described}{focus_user}>\n"
        f'<label for="password">{esc(w["password"])}</label>\n'
        f'<input id="password" name="password" type="password" required '
        f'autocomplete="current-password"{described}{focus_password}>\n'
        f'<button class="primary" type="submit">{esc(w["sign_in"])}</button>\n</form>\n'
        f'<p class="muted">{esc(w["login_hint"])}</p>'
    )
    return document(page, w["login_title"], body)


def message_page(page: Page, message: str, staff: str, sign_out_token: str) -> str:
    """A refusal for a signed-in staff member, with the way on (the report, sign-out)."""
    w = page.words
    body = (
        f'<p class="alert" role="alert">{esc(message)}</p>\n'
        f'<p><a href="{esc(page.url("/staff/reports"))}">{esc(w["back_to_report"])}</a></p>'
    )
    return document(page, w["site"], body, staff, sign_out_token)


# --- the report -------------------------------------------------------------------------

Row = tuple[str, Sequence[int | float | None]]  # a label, then counts (None: not known)


def report_page(
    page: Page,
    report: YearlyReport,
    staff: str,
    computed: datetime,
    sign_out_token: str,
    site: str | None = None,
    picker: str = "",
) -> str:
    """A site's report; *site* names it when the server has several (its links keep
    it), *picker* is a network account's choice of site (kiosk.server.web.network)."""
    w = page.words
    year = report.year
    previous = report.previous_year
    title = w["report_title"].format(year=year)
    when = computed.strftime("%Y-%m-%d %H:%M")
    about = w["report_about"].format(tz=report.timezone, when=when)
    if site is not None:
        title = f"{site} · {title}"
        about = w["site_report_about"].format(site=site, tz=report.timezone, when=when)
    keep = {} if site is None else {"site": site}
    nav = [f'<nav class="years" aria-label="{esc(w["years"])}">']
    if year > 2000:
        nav.append(
            f'<a href="{esc(page.url("/staff/reports", year=year - 1, **keep))}" rel="prev" '
            f'aria-label="{esc(w["previous_year"])} {year - 1}">← {year - 1}</a>'
        )
    if year < 2100:
        nav.append(
            f'<a href="{esc(page.url("/staff/reports", year=year + 1, **keep))}" rel="next" '
            f'aria-label="{esc(w["next_year"])} {year + 1}">{year + 1} →</a>'
        )
    nav.append(
        f'<a href="{esc(page.url("/staff/reports/visits.csv", year=year, **keep))}" download>'
        f"{esc(w['download_csv'])}</a></nav>"
    )
    parts = [f"<h1>{esc(title)}</h1>", picker, f'<p class="muted">{esc(about)}</p>', "".join(nav)]
    if not report.visits:
        parts.append(f"<p><strong>{esc(w['no_visits'].format(year=year))}</strong></p>")
    parts.append(totals_table(page, report))
    parts.append(month_chart(page, year, report.by_month, previous.by_month))
    parts.append('<div class="grid">')
    parts += report_tables(page, report)
    parts.append("</div>")
    parts.append(workshops_section(page, report))
    return document(page, title, "\n".join(parts), staff, sign_out_token)


def totals_table(page: Page, report: YearlyReport) -> str:
    w = page.words
    previous = report.previous_year
    rows: list[tuple[str, int, int | None]] = [
        (w["visits"], report.visits, previous.visits),
        (w["member_visits"], report.member_visits, previous.visits - previous.guests),
        (w["unique_visitors"], report.unique_visitors, previous.unique_visitors),
        (w["new_members"], report.new_members, previous.new_members),
        (w["guests"], report.guests, previous.guests),
        (w["guest_groups"], report.guest_groups, None),  # not in previous_year
    ]
    if report.source != "local":  # members of the network's other sites
        rows.append((w["network_visits"], report.network_visits, None))
    body = "".join(
        f'<tr><th scope="row">{esc(label)}</th><td class="num">{page.number(now)}</td>'
        f'<td class="num">{count_text(page, before)}</td>'
        f'<td class="num">{esc(_change(page, now, before))}</td></tr>'
        for label, now, before in rows
    )
    return (
        f'<table class="totals" id="totals"><caption>{esc(w["totals"])}</caption>'
        f'<thead><tr><td></td><th scope="col" class="num">{report.year}</th>'
        f'<th scope="col" class="num">{previous.year}</th>'
        f'<th scope="col" class="num">{esc(w["change"])}</th></tr></thead>'
        f"<tbody>{body}</tbody></table>\n"
        f'<p class="muted">{esc(w["visits_note"])}</p>'
    )


def report_tables(page: Page, report: YearlyReport) -> list[str]:
    w = page.words
    year, before = report.year, report.previous_year
    months = [
        (name, [n, before.by_month[i]])
        for i, (name, n) in enumerate(zip(w["months"].split(), report.by_month, strict=True))
    ]
    weekdays = [
        (name, [n]) for name, n in zip(w["weekdays"].split(), report.by_weekday, strict=True)
    ]
    hours_seen = [h for h, n in enumerate(report.by_hour) if n]
    shown = range(hours_seen[0], hours_seen[-1] + 1) if hours_seen else range(0)
    hours = [(w["hour_label"].format(hour=h), [report.by_hour[h]]) for h in shown]
    unique = report.unique_by_age_bracket
    ages = [
        (w["unknown_age"] if bracket == "unknown" else bracket, [n, unique.get(bracket, 0)])
        for bracket, n in report.by_age_bracket.items()
    ]
    visits = [w["visits_column"]]
    return [
        table(page, "by-month", w["by_month"], [w["month"], str(year), str(before.year)], months),
        table(page, "by-weekday", w["by_weekday"], [w["weekday"], *visits], weekdays),
        table(page, "by-hour", w["by_hour"], [w["hour"], *visits], hours),
        table(page, "by-space", w["by_space"], [w["space"], *visits], named(page, report.by_space)),
        table(
            page,
            "by-purpose",
            w["by_purpose"],
            [w["purpose"], *visits],
            named(page, report.by_purpose),
        ),
        table(page, "by-age", w["by_age"], [w["age"], *visits, w["people_column"]], ages),
        table(page, "by-kiosk", w["by_kiosk"], [w["kiosk"], *visits], named(page, report.by_kiosk)),
    ]


def workshops_section(page: Page, report: YearlyReport) -> str:
    """The year's workshops and funded trainings: zeros in a year without any (and
    from a server that does not hold the workshops' records yet)."""
    w, counts = page.words, report.workshops
    totals: list[Row] = [
        (w["ws_workshops"], [counts.workshops]),
        (w["ws_sessions"], [counts.sessions]),
        (w["ws_half_days"], [counts.half_days]),
        (w["ws_trainees"], [counts.trainees]),
        (w["ws_hours"], [counts.trainee_hours]),
    ]
    funders: list[Row] = [
        (
            w["ws_no_funder"] if g.key == NO_FUNDER else g.key,
            [g.workshops, g.sessions, g.trainees, g.trainee_hours],
        )
        for g in counts.by_funder
    ]
    ages: list[Row] = [
        (w["unknown"] if g.key == UNKNOWN_AGE else g.key, [g.trainees, g.trainee_hours])
        for g in counts.by_age
    ]
    title = w["workshops_title"].format(year=report.year)
    head = [w["ws_workshops"], w["ws_sessions"], w["ws_trainees"], w["ws_hours"]]
    return "\n".join(
        [
            f'<section id="workshops" aria-labelledby="workshops-title">'
            f'<h2 id="workshops-title">{esc(title)}</h2>',
            f'<p class="muted">{esc(w["workshops_note"])}</p>',
            '<div class="grid">',
            table(
                page, "workshop-totals", w["totals"], [w["ws_workshops"], str(report.year)], totals
            ),
            table(
                page,
                "workshops-by-funder",
                w["ws_by_funder"],
                [w["ws_funder"], *head],
                funders,
                w["ws_none"],
            ),
            table(
                page,
                "workshops-by-age",
                w["ws_by_age"],
                [w["age"], w["ws_trainees"], w["ws_hours"]],
                ages,
                w["ws_none"],
            ),
            "</div></section>",
        ]
    )


def named(page: Page, counts: dict[str, int]) -> list[Row]:
    """Names from the kiosks as they are (escaped later); ``unknown`` in words."""
    return [
        (page.words["unknown"] if name == "unknown" else name, [n]) for name, n in counts.items()
    ]


def table(
    page: Page,
    ident: str,
    caption: str,
    head: Sequence[str],
    rows: Iterable[Row],
    empty: str | None = None,
) -> str:
    heads = f'<th scope="col">{esc(head[0])}</th>' + "".join(
        f'<th scope="col" class="num">{esc(h)}</th>' for h in head[1:]
    )
    body = "".join(
        f'<tr><th scope="row">{esc(label)}</th>'
        + "".join(f'<td class="num">{count_text(page, n)}</td>' for n in counts)
        + "</tr>"
        for label, counts in rows
    )
    if not body:
        body = f'<tr><td colspan="{len(head)}">{esc(empty or page.words["none"])}</td></tr>'
    return (
        f'<table id="{ident}"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>"
    )


def count_text(page: Page, n: int | float | None) -> str:
    if isinstance(n, float):  # trainee-hours: 9.5 as "9,5" in French
        whole, _, part = hours(n).partition(".")
        return page.number(int(whole)) + (page.words["decimal"] + part if part else "")
    return "—" if n is None else page.number(n)


def _change(page: Page, now: int, before: int | None) -> str:
    if not before:
        return "—"
    value = f"{(now - before) * 100 / before:+.0f}".replace("-", "−")
    return page.words["percent"].format(value=value)
