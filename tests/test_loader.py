"""Input decoding and the date line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from audit.errors import InputError
from audit.loader import load
from tests.conftest import SEEDS

TEXT = "Café owners said 12 people were hurt — “terrible”."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_each_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    (art,) = load([p])
    assert art.audited, art.reason
    assert art.text == TEXT
    assert art.encoding == encoding


def test_undecodable_file_is_skipped_with_reason(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(b"abc \x81\x8d\x90 def \xff")
    (art,) = load([p])
    assert art.status == "skipped"
    assert "not decodable" in (art.reason or "")


def test_seed_date_line_with_leading_space_and_text_on_same_line() -> None:
    arts = {a.id[:3]: a for a in load([SEEDS])}
    a0 = arts["000"]
    assert a0.published == dt.date(2022, 11, 24) and a0.published_basis == "header"
    assert a0.text.startswith("The Japanese football team won hearts")
    assert "date 2022" not in a0.text
    assert arts["003"].published == dt.date(2018, 7, 3)
    assert arts["001"].published is None and arts["001"].published_basis == "unknown"


def test_date_line_on_its_own_line(tmp_path: Path) -> None:
    p = tmp_path / "x.txt"
    p.write_text("date 2012-12-23\nColts beat Chiefs 20-13\nText.", encoding="utf-8")
    (art,) = load([p])
    assert art.published == dt.date(2012, 12, 23)
    assert art.text == "Colts beat Chiefs 20-13\nText."
    assert art.line_of(0) == 2


def test_invalid_date_line_is_noted(tmp_path: Path) -> None:
    p = tmp_path / "x.txt"
    p.write_text(" date 2022-13-45 Some text here.", encoding="utf-8")
    (art,) = load([p])
    assert art.published is None
    assert "not a valid date" in (art.published_note or "")


def test_missing_path_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load([tmp_path / "missing"])


def test_every_file_in_a_folder_is_listed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Hello there, 3 people.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hello again.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    ids = {a.id: a.status for a in load([tmp_path])}
    assert ids == {"a": "audited", "b": "audited", "notes": "skipped"}
