"""The staff page of the workshops: each workshop, its sessions (present and absent per
session, the seal), and the PDFs the kiosks make: each session's attendance sheet and
each trainee's certificate of attendance, drawn by kiosk.workshops.pdf from the
server's tables (kiosk.server.workshops.files). A signed-in staff member only; the
PDFs spend the same request budget as the reports.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from kiosk.server.deps import SettingsDep
from kiosk.server.report import SiteRow
from kiosk.server.settings import ServerSettings
from kiosk.server.staff_session import SignedIn, signed_in_staff
from kiosk.server.web.pages import Page, document, esc
from kiosk.server.web.routes import STAFF_HEADERS, html, page_for, redirect, report_budget
from kiosk.server.web.sites import site_for, sites_seen
from kiosk.server.workshops.files import WorkshopFile, find_session, workshop_files
from kiosk.workshops.counts import record_of
from kiosk.workshops.facts import SessionFile, seal_of
from kiosk.workshops.models import PRESENT_MARKS, Mark
from kiosk.workshops.pdf.drawing import Letterhead
from kiosk.workshops.sheet import sheet_of

router = APIRouter(include_in_schema=False)

WORDS = {
    "fr": {
        "title": "Ateliers",
        "none": "Aucun atelier n'a encore été reçu des bornes.",
        "session": "Séance",
        "when": "Date",
        "present": "Présents",
        "absent": "Absents",
        "state": "Feuille",
        "sheet": "Feuille d'émargement (PDF)",
        "cancelled": "annulée",
        "open": "ouverte",
        "sealed": "scellée le {when} par {by}",
        "broken": "scellée, mais modifiée depuis : le sceau ne correspond plus",
        "trainees": "Stagiaires",
        "certificate": "attestation (PDF)",
        "erased": "stagiaire effacé·e",
        "no_trainee": "Aucun stagiaire inscrit.",
        "funder": "Financeur",
        "space": "Espace",
        "not_found": "Cette séance ou ce stagiaire n'existe pas (ou plus) sur le serveur.",
        "reports": "Rapport des visites",
    },
    "en": {
        "title": "Workshops",
        "none": "No workshop has been received from the kiosks yet.",
        "session": "Session",
        "when": "Date",
        "present": "Present",
        "absent": "Absent",
        "state": "Sheet",
        "sheet": "Attendance sheet (PDF)",
        "cancelled": "cancelled",
        "open": "open",
        "sealed": "sealed on {when} by {by}",
        "broken": "sealed, but changed since: the seal no longer matches",
        "trainees": "Trainees",
        "certificate": "certificate (PDF)",
        "erased": "trainee erased",
        "no_trainee": "No trainee enrolled.",
        "funder": "Funder",
        "space": "Space",
        "not_found": "This session or trainee does not exist (any more) on the server.",
        "reports": "Visit report",
    },
}


def letterhead(settings: ServerSettings, site: SiteRow) -> Letterhead:
    """The organisation's name (``--site-name``), the site's time zone."""
    return Letterhead(settings.site_name, site.timezone)


def _counts(file: SessionFile, tz: ZoneInfo) -> tuple[int, int]:
    """Present and absent boxes (trainees and half-days) of a session."""
    sheet = sheet_of(file, tz)
    cells = [c for row in sheet.rows for c in row.cells]
    present = sum(1 for c in cells if c.mark in PRESENT_MARKS)
    absent = sum(1 for c in cells if c.mark in (Mark.ABSENT, Mark.EXCUSED))
    return present, absent


def _state(file: SessionFile, tz: ZoneInfo, w: dict[str, str]) -> str:
    meeting = file.session
    if meeting.cancelled_at is not None:
        return w["cancelled"]
    if meeting.closed_at is None or meeting.seal is None:
        return w["open"]
    if seal_of(file) != meeting.seal:
        return w["broken"]
    when = meeting.closed_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    return w["sealed"].format(when=when, by=meeting.closed_by or "")


def workshops_page(
    page: Page,
    found: list[WorkshopFile],
    site: SiteRow,
    others: list[SiteRow],
    staff: str,
    sign_out_token: str,
) -> str:
    """The site's workshops; *others*: the sites a network account may switch to."""
    lang = page.words["lang"]
    w = WORDS[lang]
    tz = site.timezone
    mine = {"site": site.id} if others else {}  # a network account: each link names it
    parts = [
        f"<h1>{esc(w['title'])} — {esc(site.name)}</h1>",
        f'<p><a href="{esc(page.url("/staff/reports"))}">{esc(w["reports"])}</a></p>',
    ]
    if others:
        links = " · ".join(
            esc(other.name)
            if other.id == site.id
            else f'<a href="{esc(page.url("/staff/workshops", site=other.id))}">'
            f"{esc(other.name)}</a>"
            for other in others
        )
        parts.append(f'<nav aria-label="sites"><p>{links}</p></nav>')
    if not found:
        parts.append(f"<p>{esc(w['none'])}</p>")
    for item in found:
        workshop = item.workshop
        title = workshop.title_en if lang == "en" else workshop.title_fr
        parts.append(f'<section id="w-{esc(workshop.id)}"><h2>{esc(title)}</h2>')
        about = [f"{w['space']} : {workshop.space}"]
        if workshop.funder:
            about.append(f"{w['funder']} : {workshop.funder}")
        parts.append(f'<p class="muted">{esc(" · ".join(about))}</p>')
        rows = []
        for file in item.sessions:
            meeting = file.session
            present, absent = _counts(file, tz)
            start = meeting.starts_at.astimezone(tz)
            end = meeting.ends_at.astimezone(tz)
            link = page.url(f"/staff/workshops/sessions/{meeting.id}/sheet.pdf", **mine)
            rows.append(
                f'<tr><th scope="row">{meeting.number}</th>'
                f"<td>{start:%Y-%m-%d %H:%M}–{end:%H:%M}</td>"
                f'<td class="num">{present}</td><td class="num">{absent}</td>'
                f"<td>{esc(_state(file, tz, w))}</td>"
                f'<td><a href="{esc(link)}">{esc(w["sheet"])}</a></td></tr>'
            )
        heads = "".join(
            f'<th scope="col">{esc(w[k])}</th>'
            for k in ("session", "when", "present", "absent", "state", "sheet")
        )
        parts.append(
            f"<table><thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        names = []
        for t in item.trainees:
            if t.erased:
                names.append(f"<li>{esc(w['erased'])}</li>")
                continue
            link = page.url(
                f"/staff/workshops/{workshop.id}/certificates/{t.member_id}.pdf", **mine
            )
            name = " ".join(p for p in (t.first_name, t.last_name) if p)
            names.append(
                f'<li>{esc(name)} — <a href="{esc(link)}">{esc(w["certificate"])}</a></li>'
            )
        parts.append(f"<h3>{esc(w['trainees'])}</h3>")
        parts.append(f"<ul>{''.join(names)}</ul>" if names else f"<p>{esc(w['no_trainee'])}</p>")
        parts.append("</section>")
    return document(page, w["title"], "\n".join(parts), staff, sign_out_token)


def _workshops(
    request: Request, staff: SignedIn
) -> tuple[SiteRow, list[SiteRow], list[WorkshopFile]] | None:
    with request.app.state.sessions() as session:
        site = site_for(session, staff, request.query_params.get("site"))
        if site is None:
            return None
        others = sites_seen(session, staff) if staff.network else []
        return site, others, workshop_files(session, site.id)


@router.get("/staff/workshops")
async def show_workshops(request: Request, settings: SettingsDep) -> Response:
    page = page_for(request)
    staff = await run_in_threadpool(signed_in_staff, request)
    if staff is None:
        return redirect(page.url("/staff/login"))
    found = await run_in_threadpool(_workshops, request, staff)
    if found is None:
        return _not_found(page, staff.username, staff.sign_out_token)
    site, others, files = found
    return html(workshops_page(page, files, site, others, staff.username, staff.sign_out_token))


def _pdf(content: bytes, name: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers=STAFF_HEADERS | {"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _not_found(page: Page, staff: str, token: str) -> Response:
    w = WORDS[page.words["lang"]]
    body = (
        f'<p class="alert" role="alert">{esc(w["not_found"])}</p>'
        f'<p><a href="{esc(page.url("/staff/workshops"))}">{esc(w["title"])}</a></p>'
    )
    return html(document(page, w["title"], body, staff, token), 404)


def _sheet_pdf(
    request: Request, settings: ServerSettings, staff: SignedIn, session_id: str, lang: str
) -> bytes | None:
    from kiosk.workshops.pdf.sheet import write_sheet  # reportlab only when a PDF is asked

    with request.app.state.sessions() as session:
        site = site_for(session, staff, request.query_params.get("site"))
        found = None if site is None else find_session(session, site.id, session_id)
    if site is None or found is None:
        return None
    out = io.BytesIO()
    head = letterhead(settings, site)
    write_sheet(sheet_of(found[1], head.tz), head, out, lang)
    return out.getvalue()


@router.get("/staff/workshops/sessions/{session_id}/sheet.pdf")
async def download_sheet(request: Request, settings: SettingsDep, session_id: str) -> Response:
    page = page_for(request)
    staff = await run_in_threadpool(signed_in_staff, request)
    if staff is None:
        return redirect(page.url("/staff/login"))
    refused = await run_in_threadpool(report_budget, request, staff, page)
    if refused is not None:
        return refused
    lang = page.words["lang"]
    content = await run_in_threadpool(_sheet_pdf, request, settings, staff, session_id[:36], lang)
    if content is None:
        return _not_found(page, staff.username, staff.sign_out_token)
    return _pdf(content, f"emargement-{session_id[:8]}.pdf")


def _certificate_pdf(
    request: Request,
    settings: ServerSettings,
    staff: SignedIn,
    workshop_id: str,
    member_id: str,
    lang: str,
) -> bytes | None:
    from kiosk.workshops.pdf.certificate import write_certificate

    with request.app.state.sessions() as session:
        site = site_for(session, staff, request.query_params.get("site"))
        found = [] if site is None else workshop_files(session, site.id, [workshop_id])
    if site is None or not found:
        return None
    item = found[0]
    trainee = next((t for t in item.trainees if t.member_id == member_id), None)
    if trainee is None or trainee.erased:
        return None
    head = letterhead(settings, site)
    record = record_of(item.sessions, item.workshop.id, member_id, head.tz)
    out = io.BytesIO()
    today = datetime.now(UTC).astimezone(head.tz).date()
    write_certificate(record, trainee, item.workshop, head, out, issued_on=today, lang=lang)
    return out.getvalue()


@router.get("/staff/workshops/{workshop_id}/certificates/{member_id}.pdf")
async def download_certificate(
    request: Request, settings: SettingsDep, workshop_id: str, member_id: str
) -> Response:
    page = page_for(request)
    staff = await run_in_threadpool(signed_in_staff, request)
    if staff is None:
        return redirect(page.url("/staff/login"))
    refused = await run_in_threadpool(report_budget, request, staff, page)
    if refused is not None:
        return refused
    content = await run_in_threadpool(
        _certificate_pdf,
        request,
        settings,
        staff,
        workshop_id[:36],
        member_id[:36],
        page.words["lang"],
    )
    if content is None:
        return _not_found(page, staff.username, staff.sign_out_token)
    return _pdf(content, f"attestation-{member_id[:8]}.pdf")
