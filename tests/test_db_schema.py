"""The schema is created and upgraded by code; the public tables keep their names."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from scrutiny.db.schema import TABLES, migrations, open_db


def test_open_db_creates_every_public_table_and_column(tmp_path):
    db = open_db(tmp_path / "s.db")
    for table, columns in TABLES.items():
        assert db[table].exists(), table
        assert set(columns) <= set(db[table].columns_dict), table
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert migrations.pending(db) == []


def test_authorities_are_loaded_from_the_gazetteer(tmp_path):
    db = open_db(tmp_path / "s.db")
    row = db["authorities"].get("333")
    assert row["name"] == "Sandwell"
    assert row["ofsted_urn"] == "80549"
    assert db["authorities"].count >= 150


@pytest.mark.parametrize("stop_before", [m.name for m in migrations._migrations][1:] or [None])
def test_opening_an_older_database_upgrades_it(tmp_path, stop_before):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    if stop_before is None:
        old.execute("create table unrelated (x)")  # a file scrutiny never touched
    else:
        migrations.apply(old, stop_before=stop_before)
    before = {m.name for m in migrations.applied(old)}
    old.close()
    db = open_db(path)
    after = {m.name for m in migrations.applied(db)}
    assert after == {m.name for m in migrations._migrations}
    assert before < after
    assert db["documents"].exists()


def test_reopening_is_idempotent_and_keeps_rows(tmp_path):
    path = tmp_path / "s.db"
    db = open_db(path)
    db["people"].insert({"name": "Ed Timpson"})
    db.close()
    again = open_db(path)
    assert [r["name"] for r in again["people"].rows] == ["Ed Timpson"]
    assert len(migrations.applied(again)) == len(migrations._migrations)


def test_document_url_is_unique(tmp_path):
    db = open_db(tmp_path / "s.db")
    db["documents"].insert({"url": "https://example.org/a"})
    with pytest.raises(sqlite3.IntegrityError):
        db["documents"].insert({"url": "https://example.org/a"})


def test_full_text_search_follows_document_writes(tmp_path):
    db = open_db(tmp_path / "s.db")
    db["documents"].insert({"url": "u", "title": "Sandwell inadequate", "text": "Impower contract"})
    hits = db.execute("select rowid from documents_fts where documents_fts match 'impower'").fetchall()
    assert len(hits) == 1
