"""The geo CLI commands through click's CliRunner: output shape and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import geo_commands
from eventwire.cli.geo_commands import eval_geo, geo, geoparse
from eventwire.geo.build import GazetteerStats
from test_geo_support import gazetteer_path, geoparser

TINY = Path(__file__).parent / "fixtures" / "geo" / "corpora"


@pytest.fixture()
def gaz() -> str:
    geoparser()  # builds the cached test gazetteer when missing
    return str(gazetteer_path())


def test_geoparse_prints_one_json_line_per_file(tmp_path: Path, gaz: str) -> None:
    f = tmp_path / "a.txt"
    f.write_text("A car bomb exploded in Mogadishu, Somalia, on Sunday.", encoding="utf-8")
    result = CliRunner().invoke(geoparse, [str(f), "--gazetteer", gaz])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.output.strip())
    assert rec["source"] == str(f)
    names = {p["text"]: p for p in rec["places"]}
    assert names["Mogadishu"]["country_code"] == "SO"
    assert names["Somalia"]["precision"] == "country"


def test_geoparse_truecases_lower_case_text_and_keeps_its_spans(gaz: str) -> None:
    text = "gunmen killed four people in the town of pichari, in peru, on monday."
    result = CliRunner().invoke(geoparse, ["-", "--gazetteer", gaz], input=text)
    assert result.exit_code == 0, result.output
    places = {p["text"]: p for p in json.loads(result.output)["places"]}
    assert places["pichari"]["country_code"] == "PE" and places["peru"]["precision"] == "country"
    assert all(text[p["start"]:p["end"]] == p["text"] for p in places.values())


def test_geoparse_reads_stdin(gaz: str) -> None:
    result = CliRunner().invoke(geoparse, ["-", "--gazetteer", gaz], input="Riots in Lagos.")
    assert result.exit_code == 0
    rec = json.loads(result.output)
    assert rec["source"] == "-" and rec["places"][0]["text"] == "Lagos"


def test_geoparse_url_tells_the_country_of_a_local_story(gaz: str) -> None:
    text = "Pupils from an Edmonton school planted flowers near Enfield on Tuesday."
    for url, cc in (("https://www.enfield-today.co.uk/x", "GB"), (None, "CA")):
        args = ["-", "--gazetteer", gaz] + (["--url", url] if url else [])
        result = CliRunner().invoke(geoparse, args, input=text)
        assert result.exit_code == 0, result.output
        places = {p["text"]: p for p in json.loads(result.output)["places"]}
        assert places["Edmonton"]["country_code"] == cc


def test_geoparse_missing_file_is_one_line_error(gaz: str) -> None:
    result = CliRunner().invoke(geoparse, ["/no/such/file.txt", "--gazetteer", gaz])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == ["Error: /no/such/file.txt: no such file"]


def test_geoparse_unusable_gazetteer_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    result = CliRunner().invoke(geoparse, ["-", "--gazetteer", str(bad)], input="Kabul")
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "gazetteer" in result.output


def test_build_gazetteer_reports_size_and_time(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import eventwire.geo as geo_pkg

    def fake_build(path: Path) -> GazetteerStats:
        return GazetteerStats(Path(path), 1.25, 2_500_000, 10, 20, 3)

    monkeypatch.setattr(geo_pkg, "build_gazetteer", fake_build)
    out = tmp_path / "g.sqlite"
    result = CliRunner().invoke(geo, ["build-gazetteer", "--path", str(out)])
    assert result.exit_code == 0, result.output
    assert "10 places" in result.output and "2.5 MB" in result.output and "1.2 s" in result.output


def test_eval_geo_on_tiny_invented_corpora(tmp_path: Path, monkeypatch, gaz: str) -> None:  # noqa: ANN001
    monkeypatch.setenv("EVENTWIRE_GEO_DATA", str(TINY))
    out = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(eval_geo, ["--corpus", "all", "--output", str(out),
                                           "--gazetteer", gaz])
    assert result.exit_code == 0, result.output
    assert "gwn: 1 documents" in result.output and "trnews: 1 documents" in result.output
    assert "acc@161" in result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["corpus"] for r in rows} == {"gwn", "trnews"}
    assert all(r["detected"] for r in rows if r["text"] == "Kandahar")


def test_eval_geo_without_corpora_is_one_line_error(monkeypatch, tmp_path: Path,
                                                    gaz: str) -> None:  # noqa: ANN001
    monkeypatch.setenv("EVENTWIRE_GEO_DATA", str(tmp_path / "missing"))
    result = CliRunner().invoke(eval_geo, ["--corpus", "gwn", "--gazetteer", gaz])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[0].startswith("Error: geo corpora not found")


def test_read_texts_is_the_only_reader(tmp_path: Path) -> None:
    f = tmp_path / "b.txt"
    f.write_bytes(b"\xff\xfe bad")
    with pytest.raises(Exception, match="not UTF-8"):
        list(geo_commands.read_texts((str(f),)))
