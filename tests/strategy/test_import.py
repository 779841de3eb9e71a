"""The plan file in and out: the real plan imports exactly, re-imports update by action number
without losing statuses, XLSX and CSV exports import back to the same plan, and a malformed file
is refused with a clear message and changes nothing."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from booking.errors import Conflict, Invalid
from booking.extensions import db
from booking.strategy import export, importing, services
from booking.strategy.models import Plan, StatusState
from booking.strategy.planfile import FIELDS as FIELD_OF
from booking.strategy.planfile import MAX_FILE_BYTES, parse_start, read_plan_file
from tests.factories import NOW
from tests.strategy.conftest import PLAN_FILE, SHARED_PLAN_FILE, csv_with, snapshot, source_rows


def plan_content(plan: Plan) -> list[tuple]:
    """Everything the plan file carries, action by action, statuses included."""
    db.session.expire_all()
    return [
        (
            action.number,
            *(getattr(action, attribute) for attribute in FIELD_OF.values()),
            action.expected_start_on,
            tuple(
                (cp.due_on, status.state, status.text) if (status := action.status_at(cp)) else (cp.due_on, None)
                for cp in plan.checkpoints
            ),
        )
        for action in plan.actions
    ]


def test_the_repository_copy_is_the_shared_plan_file():
    if not SHARED_PLAN_FILE.exists():
        pytest.skip("the shared data folder is not on this machine")
    assert PLAN_FILE.read_bytes() == SHARED_PLAN_FILE.read_bytes()


def test_the_shared_plan_imports_23_actions_byte_for_byte(plan):
    rows = source_rows()

    assert len(plan.actions) == len(rows) == 23
    for action, row in zip(plan.actions, rows, strict=True):
        assert action.number == int(row["nr"])
        for column, attribute in FIELD_OF.items():
            assert getattr(action, attribute).encode("utf-8") == row[column].encode("utf-8"), (action.number, column)
    assert "Udvikle og afprøve 2-3 dialogformater" in plan.action(3).text
    assert plan.action(20).partners.startswith("Ungdomsskolen, PPR, lokalpolitiet i Tørring")
    assert [cp.due_on for cp in plan.checkpoints] == [
        date(2023, 12, 31), date(2024, 6, 30), date(2024, 12, 31), date(2025, 6, 30), date(2025, 12, 31),
    ]  # fmt: skip
    assert (plan.name, plan.slug, plan.first_year, plan.last_year) == (
        "Handlingsplan 2023–2025", "handlingsplan-2023-2025", 2023, 2025,
    )  # fmt: skip


def test_themes_are_the_councils_whatever_their_case_in_the_source(plan):
    assert [t.name for t in plan.action(4).themes] == [
        "Forpligtende fællesskaber", "Livsduelige og fremtidsparate børn og familier",
    ]  # fmt: skip
    assert {t.name for t in services.themes_of(plan)} == set(services.COUNCIL_THEMES)
    assert plan.action(4).themes_text == "Forpligtende fællesskaber, livsduelige og fremtidsparate børn og familier"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("okt-23", date(2023, 10, 1)), ("jan-24", date(2024, 1, 1)), ("september 2023", date(2023, 9, 1)),
     ("2024-03-15", date(2024, 3, 15)), ("Løbende", None), ("Er igangsat", None), ("", None)],
)  # fmt: skip
def test_expected_start_is_parsed_where_the_text_is_a_date(text, expected):
    assert parse_start(text) == expected


def test_xlsx_export_imports_back_to_the_same_plan_statuses_included(plan, staff):
    services.set_status(staff, plan.action(14), plan.checkpoints[0], StatusState.IN_PROGRESS,
                        "Behov afdækket: æøå ÆØÅ, \"citat\" og kolon: her.", NOW)  # fmt: skip
    services.set_status(staff, plan.action(16), plan.checkpoints[1], StatusState.DONE, "", NOW)
    services.set_status(staff, plan.action(8), plan.checkpoints[2], StatusState.DROPPED, "Håndteres af Læring.", NOW)
    db.session.commit()

    data = export.plan_xlsx(plan)
    copy = importing.import_file(staff, data, "plan.xlsx", NOW, name="Kopi").plan
    db.session.commit()

    assert copy.id != plan.id
    assert plan_content(copy) == plan_content(plan)
    again = importing.import_file(staff, data, "plan.xlsx", NOW, plan=plan)
    assert (again.new, again.changed, len(again.unchanged), again.statuses) == ([], [], 23, 0)


def test_csv_export_imports_back_and_keeps_the_shared_layout(plan, staff):
    services.set_status(staff, plan.action(1), plan.checkpoints[0], StatusState.POSTPONED, "Afventer.", NOW)
    db.session.commit()

    data = export.plan_csv(plan)
    header = data.decode("utf-8").split("\n", 1)[0]
    assert header == PLAN_FILE.read_text(encoding="utf-8").split("\n", 1)[0]
    copy = importing.import_file(staff, data, "plan.csv", NOW, name="Kopi").plan

    assert plan_content(copy) == plan_content(plan)


def test_the_xlsx_is_made_for_reading(plan):
    sheet = load_workbook(io.BytesIO(export.plan_xlsx(plan))).active

    assert [cell.value for cell in sheet[1]][:5] == [
        "Nr.", "Kommunalbestyrelsens strategi", "Referencer i biblioteksstrategien", "Evt. målepunkter", "Handling",
    ]  # fmt: skip
    assert sheet.cell(1, 10).value == "Status december 2023"
    assert sheet.freeze_panes == "A2"
    assert sheet["E2"].alignment.wrap_text
    assert sheet.column_dimensions["E"].width == 60
    assert sheet.cell(2, 1).value == 1


def test_reimport_updates_by_number_and_keeps_statuses(plan, staff):
    services.set_status(staff, plan.action(5), plan.checkpoints[0], StatusState.IN_PROGRESS, "Temamøde holdt.", NOW)
    db.session.commit()
    rows = source_rows()
    rows[4]["handling"] += " Opdateret."
    rows = [row for row in rows if row["nr"] != "23"]  # an action missing from the file is kept

    summary = importing.import_file(staff, csv_with(rows), "ny.csv", NOW, plan=plan)
    db.session.commit()

    assert (summary.changed, summary.kept, len(summary.unchanged), summary.new) == ([5], [23], 21, [])
    assert summary.plan.id == plan.id and len(plan.actions) == 23
    assert plan.action(5).text.endswith(" Opdateret.")
    status = plan.action(5).status_at(plan.checkpoints[0])
    assert (status.state, status.text) == (StatusState.IN_PROGRESS, "Temamøde holdt.")


def test_a_status_cell_without_a_state_word_is_in_progress(plan, staff):
    rows = source_rows()
    rows[0]["status_2023_12"] = "Første workshop holdt."
    rows[1]["status_2023_12"] = "Gennemført"

    importing.import_file(staff, csv_with(rows), "x.csv", NOW, plan=plan)

    first = plan.action(1).status_at(plan.checkpoints[0])
    assert (first.state, first.text) == (StatusState.IN_PROGRESS, "Første workshop holdt.")
    assert plan.action(2).status_at(plan.checkpoints[0]).state == StatusState.DONE
    assert first.edits[-1].imported


def test_import_does_not_change_a_signed_off_checkpoint(plan, staff, english):
    services.sign_off(staff, plan.checkpoints[0], NOW)
    db.session.commit()
    rows = source_rows()
    rows[0]["status_2023_12"] = "Gennemført: for sent"
    before = snapshot()

    with pytest.raises(Invalid) as refused:
        importing.import_file(staff, csv_with(rows), "x.csv", NOW, plan=plan)
    db.session.rollback()

    assert "signed off" in " ".join(refused.value.details)
    assert snapshot() == before
    with pytest.raises(Conflict):
        services.set_status(staff, plan.action(1), plan.checkpoints[0], StatusState.DONE, "", NOW)


def test_excel_dates_in_the_start_column_become_the_plans_text(staff):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["nr", "kommunalbestyrelsens_strategi", "referencer_i_biblioteksstrategien", "maalepunkter",
                  "handling", "tovholder", "eksterne_samarbejdspartnere", "arbejdsgruppe", "forventet_opstart",
                  "status_2026_06"])  # fmt: skip
    sheet.append([1.0, "Smidige processer", None, None, "Prøv noget nyt", "Helle", None, None,
                  datetime(2026, 10, 1), None])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)

    action = importing.import_file(staff, buffer.getvalue(), "plan.xlsx", NOW).plan.actions[0]

    assert (action.number, action.expected_start_text, action.expected_start_on) == (1, "okt-26", date(2026, 10, 1))


# --- refused files ---------------------------------------------------------------------------------


def malformed_files() -> dict[str, tuple[bytes, str]]:
    rows = source_rows()
    columns = list(rows[0])
    duplicate = [dict(row) for row in rows]
    duplicate[5]["nr"] = "3"
    text_in_number = [dict(row) for row in rows]
    text_in_number[2]["nr"] = "tre"
    dated = [dict(row, forventet_opstart_dato="") for row in rows]
    dated[6]["forventet_opstart_dato"] = "efter sommerferien"
    bad_checkpoint = [dict(row) for row in rows]
    return {
        "missing column": (csv_with(rows, [c for c in columns if c != "handling"]), "handling"),
        "duplicate action number": (csv_with(duplicate), "Row 7: action number 3 appears twice (also in row 4)"),
        "text in a date": (
            csv_with(dated, [*columns, "forventet_opstart_dato"]),
            "Row 8: “efter sommerferien” in the column forventet_opstart_dato is not a date",
        ),
        "text in a checkpoint date": (
            csv_with(bad_checkpoint, [*columns[:-1], "status_2025_dec"]),
            "“status_2025_dec” is not a checkpoint date",
        ),
        "text in an action number": (csv_with(text_in_number), "Row 4: the action number “tre” is not a whole number"),
        "20 MB file": (PLAN_FILE.read_bytes() + b"\n" * (20 * 1024 * 1024), "at most 5 MB"),
        "not UTF-8": (PLAN_FILE.read_text(encoding="utf-8").encode("latin-1"), "not UTF-8"),
        "not a workbook": (b"PK\x03\x04 not really a zip", "Excel workbook"),
        "empty": (b"", "empty"),
    }


@pytest.mark.parametrize("case", list(malformed_files()))
@pytest.mark.parametrize("into", ["new plan", "existing plan"])
def test_a_malformed_file_is_refused_and_changes_nothing(plan, staff, english, case, into):
    data, message = malformed_files()[case]
    before = snapshot()

    with pytest.raises(Invalid) as refused:
        importing.import_file(staff, data, "plan.csv", NOW, plan=plan if into == "existing plan" else None)
    db.session.rollback()

    assert message in " ".join([refused.value.message, *(refused.value.details or [])])
    assert snapshot() == before


def test_the_size_limit_is_checked_before_reading(english):
    with pytest.raises(Invalid, match="too large"):
        read_plan_file(b"x" * (MAX_FILE_BYTES + 1), "huge.csv")


def test_a_danish_excel_csv_with_semicolons_bom_and_crlf_is_read(staff):
    rows = source_rows()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8-sig")

    plan = importing.import_file(staff, data, "plan.csv", NOW).plan

    assert [a.text for a in plan.actions] == [row["handling"] for row in rows]


def test_an_empty_workbook_is_refused(staff, english):
    buffer = io.BytesIO()
    Workbook().save(buffer)

    with pytest.raises(Invalid, match="empty"):
        importing.import_file(staff, buffer.getvalue(), "tom.xlsx", NOW)
