"""Members: registration at the kiosk, lookup, and import of a membership export (CSV)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.badges import format_short_code
from kiosk.members.registration import (
    ImportReport,
    InvalidMember,
    NewMember,
    find_member,
    import_members_csv,
    list_members,
    member_json,
    register_member,
)
from kiosk.models import Member, MembershipStatus, OutboxEvent
from kiosk.site import Site

MakeMember = Callable[..., Member]


def problems_of(site: Site, new: NewMember, now: datetime) -> set[tuple[str, str]]:
    with pytest.raises(InvalidMember) as caught, site.transaction() as session:
        register_member(session, new, consent_at=now)
    return {(p.field, p.code) for p in caught.value.problems}


def member_count(site: Site) -> int:
    with site.sessions() as session:
        return session.scalar(select(func.count()).select_from(Member)) or 0


# --- registration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "problem"),
    [
        (NewMember(first_name=""), ("first_name", "required")),
        (NewMember(first_name="   "), ("first_name", "required")),
        (NewMember(first_name="x" * 81), ("first_name", "too_long")),
        (NewMember(first_name="Léa", email="lea.example.org"), ("email", "invalid")),
        (NewMember(first_name="Léa", email="lea@example"), ("email", "invalid")),
        (NewMember(first_name="Léa", postcode="8000"), ("postcode", "invalid")),
        (NewMember(first_name="Léa", postcode="800000"), ("postcode", "invalid")),
        (NewMember(first_name="Léa", age_bracket="30-40"), ("age_bracket", "invalid")),
    ],
)
def test_registration_is_refused_with_the_field_at_fault(
    site: Site, now: datetime, new: NewMember, problem: tuple[str, str]
) -> None:
    assert problems_of(site, new, now) == {problem}
    assert member_count(site) == 0


def test_every_wrong_field_is_reported_at_once(site: Site, now: datetime) -> None:
    new = NewMember(first_name="", email="nope", postcode="8000", age_bracket="old")
    assert problems_of(site, new, now) == {
        ("first_name", "required"),
        ("email", "invalid"),
        ("postcode", "invalid"),
        ("age_bracket", "invalid"),
    }


def test_registration_trims_names_and_lowercases_the_email(site: Site, now: datetime) -> None:
    with site.transaction() as session:
        member = register_member(
            session,
            NewMember(
                first_name="  Jean   Pierre ",
                last_name=" Dubois ",
                email=" Jean.Pierre@Example.ORG ",
                postcode=" 80000 ",
                age_bracket="26-44",
            ),
            consent_at=now,
        )
    assert member.first_name == "Jean Pierre"
    assert member.last_name == "Dubois"
    assert member.email == "jean.pierre@example.org"
    assert member.postcode == "80000"
    assert member.status is MembershipStatus.PENDING  # fee not paid yet
    assert member.consent_at == now
    assert member.badge_version == 1


def test_empty_optional_fields_are_stored_as_none(site: Site, now: datetime) -> None:
    with site.transaction() as session:
        member = register_member(
            session, NewMember("Léa", last_name=" ", email="", postcode=""), consent_at=now
        )
    assert (member.last_name, member.email, member.postcode) == (None, None, None)


def test_short_codes_are_unique(make_member: MakeMember) -> None:
    codes = {make_member(f"Member {i}").short_code for i in range(40)}
    assert len(codes) == 40


# --- lookup -------------------------------------------------------------------------------


def test_find_member_by_uuid_short_code_or_email(site: Site, make_member: MakeMember) -> None:
    lea = make_member("Léa", email="lea@example.org")
    make_member("Hugo", email="hugo@example.org")
    with site.sessions() as session:
        for ref in (
            lea.id,
            lea.short_code,
            format_short_code(lea.short_code),
            format_short_code(lea.short_code).lower(),
            "lea@example.org",
            " LEA@Example.org ",
        ):
            found = find_member(session, ref)
            assert found is not None and found.id == lea.id, ref
        assert find_member(session, "nobody@example.org") is None
        assert find_member(session, "ZZZZ-ZZZZ") is None
        assert find_member(session, "Léa") is None


def test_list_members_hides_erased_members(site: Site, make_member: MakeMember) -> None:
    make_member("Zoé")
    gone = make_member("Alice")
    make_member("Hugo")
    with site.transaction() as session:
        member = session.get(Member, gone.id)
        assert member is not None
        member.erased = True
    with site.sessions() as session:
        assert [m.first_name for m in list_members(session)] == ["Hugo", "Zoé"]
        assert len(list_members(session, include_erased=True)) == 3


def test_member_json_reports_expired_membership(make_member: MakeMember) -> None:
    member = make_member("Léa", valid_until=date(2026, 9, 30))
    assert member_json(member, date(2026, 9, 30))["status"] == "active"
    data = member_json(member, date(2026, 10, 1))
    assert data["status"] == "expired"
    assert data["valid_until"] == "2026-09-30"
    assert data["short_code_display"] == format_short_code(member.short_code)


# --- CSV import ---------------------------------------------------------------------------

HELLOASSO = (
    "Prénom;Nom;Email;Code Postal;Date du paiement\r\n"
    "Camille;Martin;camille.martin@example.org;80000;15/09/2026\r\n"
    ";Durand;sans.prenom@example.org;80000;16/09/2026\r\n"
    "Hugo;Petit;hugo-at-example.org;80080;17/09/2026\r\n"
    "Léa;Dubois;LEA.DUBOIS@example.org;80090;29/02/2028\r\n"
    "Inès;Nguyen;;;\r\n"
)


def write_csv(path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def run_import(site: Site, path: Path, now: datetime) -> ImportReport:
    with site.transaction() as session:
        return import_members_csv(session, path, now=now, today=now.date())


def test_helloasso_export_is_imported(site: Site, tmp_path: Path, now: datetime) -> None:
    path = write_csv(tmp_path / "export.csv", HELLOASSO)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    report = run_import(site, path, now)

    assert [line for line, _ in report.imported] == [2, 5, 6]
    assert [line for line, _ in report.refused] == [3, 4]
    assert "first_name" in report.refused[0][1]
    assert "email" in report.refused[1][1]
    assert report.updated == []
    with site.sessions() as session:
        camille = find_member(session, "camille.martin@example.org")
        lea = find_member(session, "lea.dubois@example.org")
        ines = find_member(session, report.imported[2][1])
        assert camille is not None and lea is not None and ines is not None
        assert camille.first_name == "Camille" and camille.last_name == "Martin"
        assert camille.postcode == "80000"
        assert camille.status is MembershipStatus.ACTIVE
        assert camille.valid_until == date(2027, 9, 15)  # one year after the payment
        assert camille.consent_at == now
        assert lea.valid_until == date(2029, 2, 28)  # paid on 29 February
        assert ines.status is MembershipStatus.PENDING and ines.valid_until is None
        assert {m.short_code for m in list_members(session)} == {c for _, c in report.imported}


def test_reimporting_the_same_file_renews_instead_of_duplicating(
    site: Site, tmp_path: Path, now: datetime
) -> None:
    with_emails = "".join(HELLOASSO.splitlines(keepends=True)[:5])  # Inès has no email
    path = write_csv(tmp_path / "export.csv", with_emails)
    first = run_import(site, path, now)
    second = run_import(site, path, now)
    assert second.imported == []
    assert second.updated == first.imported  # same lines, same short codes: same badges
    assert [line for line, _ in second.refused] == [3, 4]
    assert member_count(site) == 2


def test_a_later_payment_extends_the_membership(site: Site, tmp_path: Path, now: datetime) -> None:
    header = "Prénom;Nom;Email;Code Postal;Date du paiement\n"
    run_import(
        site,
        write_csv(tmp_path / "a.csv", header + "Léa;D;lea@example.org;80000;01/10/2025\n"),
        now,
    )
    report = run_import(
        site,
        write_csv(tmp_path / "b.csv", header + "Léa;D;lea@example.org;80000;02/10/2026\n"),
        now,
    )
    assert len(report.updated) == 1
    with site.sessions() as session:
        [lea] = list_members(session)
        assert lea.valid_until == date(2027, 10, 2)
        assert lea.effective_status(now.date()) is MembershipStatus.ACTIVE


def test_a_rolled_back_import_leaves_no_member_behind(
    site: Site, tmp_path: Path, now: datetime
) -> None:
    """The caller's transaction decides: a preview, or a failure after the file was read."""
    path = write_csv(tmp_path / "export.csv", HELLOASSO)
    with pytest.raises(RuntimeError), site.transaction() as session:
        report = import_members_csv(session, path, now=now, today=now.date())
        assert len(report.imported) == 3
        raise RuntimeError("staff pressed cancel")
    assert member_count(site) == 0


def test_cp1252_export_is_read(site: Site, tmp_path: Path, now: datetime) -> None:
    text = (
        "Prénom;Nom;Email\r\n"
        "Léa;Dubois-Aïssa;lea@example.org\r\n"
        "Hélène;N’Diaye-Lœuf;helene@example.org\r\n"
    )
    path = write_csv(tmp_path / "windows.csv", text, encoding="cp1252")
    report = run_import(site, path, now)
    assert len(report.imported) == 2 and report.refused == []
    with site.sessions() as session:
        assert [(m.first_name, m.last_name) for m in list_members(session)] == [
            ("Hélène", "N’Diaye-Lœuf"),  # ’ and œ exist in cp1252, not in latin-1
            ("Léa", "Dubois-Aïssa"),
        ]


def test_comma_separated_english_export_is_read(site: Site, tmp_path: Path, now: datetime) -> None:
    text = "first_name,last_name,email,valid_until\nAlice,Martin,alice@example.org,2027-01-31\n"
    report = run_import(site, write_csv(tmp_path / "en.csv", text, "utf-8"), now)
    assert len(report.imported) == 1
    with site.sessions() as session:
        [alice] = list_members(session)
        assert alice.valid_until == date(2027, 1, 31)


def test_bad_date_refuses_the_row(site: Site, tmp_path: Path, now: datetime) -> None:
    text = "Prénom;Email;Date du paiement\nAlice;alice@example.org;next tuesday\n"
    report = run_import(site, write_csv(tmp_path / "d.csv", text), now)
    assert [line for line, _ in report.refused] == [2]
    assert member_count(site) == 0


@pytest.mark.parametrize(
    "text",
    ["Nom;Email\r\nMartin;martin@example.org\r\n", "Email\nmartin@example.org\n", ""],
)
def test_file_without_a_first_name_column_is_refused_clearly(
    site: Site, tmp_path: Path, now: datetime, text: str
) -> None:
    report = run_import(site, write_csv(tmp_path / "nofirst.csv", text), now)
    assert report.imported == [] and report.updated == []
    [(line, reason)] = report.refused
    assert line == 1
    assert "first-name column" in reason
    assert member_count(site) == 0


def test_control_characters_never_reach_the_database(
    site: Site, tmp_path: Path, now: datetime
) -> None:
    """A NUL in an imported CSV (PostgreSQL cannot store one, the server would refuse
    the whole batch) or typed at registration is removed where the text enters."""
    text = "Prénom;Nom;Email\nA\x00da;Love\x07lace;ada@example.org\n"
    report = run_import(site, write_csv(tmp_path / "nul.csv", text), now)
    assert [line for line, _ in report.imported] == [2]
    with site.transaction() as session:
        ada = find_member(session, "ada@example.org")
        assert ada is not None and (ada.first_name, ada.last_name) == ("Ada", "Lovelace")
        bob = register_member(session, NewMember(first_name="\x00Bob\x1b"), consent_at=now)
        assert bob.first_name == "Bob"
        events = [json.loads(e.payload) for e in session.scalars(select(OutboxEvent))]
    assert all("\x00" not in str(payload) for payload in events)


@pytest.mark.parametrize("day", ["31/12/9999", "01/01/0001", "01/01/1900"])
def test_an_absurd_membership_end_refuses_the_row(
    site: Site, tmp_path: Path, now: datetime, day: str
) -> None:
    text = f"Prénom;Email;Date de fin\nAlice;alice@example.org;{day}\n"
    report = run_import(site, write_csv(tmp_path / "d.csv", text), now)
    assert [line for line, _ in report.refused] == [2]
    assert "valid_until" in report.refused[0][1]
    assert member_count(site) == 0
