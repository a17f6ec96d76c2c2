"""The MUC-4 runner and the ``eval muc4`` command, with a stand-in pipeline and invented data."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import eval_muc4 as cli_module
from eventwire.eval.muc4_data import load_processed, split_path
from eventwire.eval.muc4_keys import load_datelines, load_keys
from eventwire.eval.muc4_runner import run_muc4, to_raw_document
from eventwire.model import (
    ActorMention,
    CasualtyCount,
    DateRange,
    EventReport,
    ExtractionResult,
    Location,
    Mention,
    RawDocument,
)

FIXTURES = Path(__file__).parent / "fixtures" / "muc4"
PROCESSED = FIXTURES / "processed.jsonl"


def m(text: str) -> Mention:
    return Mention(text=text, start=0, end=len(text))


def a(text: str, kind: str = "organization") -> ActorMention:
    return ActorMention(text=text, start=0, end=len(text), kind=kind)  # type: ignore[arg-type]


EVENTS: dict[str, list[EventReport]] = {
    "TST1-MUC3-9001": [
        EventReport(
            id="k1",
            type="abduction",
            subtype="kidnapping",
            confidence=0.9,
            perpetrators=[a("gunmen", "individual"), a("red dawn command")],
            victims=[m("ana lucia torres")],
            date=DateRange(start=date(1990, 3, 11), end=date(1990, 3, 11), precision="day"),
            location=Location(name="Villa Esperanza", country_code="CO"),
            claimed_by=[a("red dawn command")],
        ),
        EventReport(
            id="b1",
            type="explosion",
            subtype="bombing",
            confidence=0.8,
            targets=[m("offices")],
            weapons=[m("bomb")],
            victims=[m("night watchmen")],
            fatalities=CasualtyCount(low=2, best=2, high=2),
            injuries=CasualtyCount(low=1, best=1, high=1),
            location=Location(name="Bogota", country_code="CO"),
        ),
        EventReport(id="r1", type="riot", subtype="mob_violence", confidence=0.5),
    ],
    "TST1-MUC3-9002": [],
    "TST2-MUC4-9003": [
        EventReport(
            id="a1",
            type="attack",
            subtype="armed_attack",
            confidence=0.7,
            perpetrators=[a("rebels", "individual")],
            targets=[m("police post"), m("harbour")],
            date=DateRange(start=date(1990, 4, 1), end=date(1990, 4, 1), precision="day"),
        )
    ],
}


class FakePipeline:
    """Answers from a table and remembers what it was given."""

    def __init__(
        self, events: dict[str, list[EventReport]] | None = None, drop_last: bool = False
    ) -> None:
        self.events = EVENTS if events is None else events
        self.drop_last = drop_last
        self.seen: list[RawDocument] = []

    def process(self, docs: Iterable[RawDocument]) -> Iterator[ExtractionResult]:
        docs = list(docs)
        if self.drop_last:
            docs = docs[:-1]
        for doc in docs:
            self.seen.append(doc)
            yield ExtractionResult(events=self.events.get(doc.id, []))


def test_raw_document_carries_text_source_and_dateline() -> None:
    (doc, *_rest) = load_processed(PROCESSED)
    raw = to_raw_document(doc, date(1990, 3, 12))
    assert (raw.id, raw.source, raw.text, raw.published_default) == (
        "TST1-MUC3-9001",
        "muc4:TST1-MUC3-9001",
        doc.text,
        date(1990, 3, 12),
    )


def test_runner_scores_documents_and_writes_one_line_each() -> None:
    docs = load_processed(PROCESSED)
    out = io.StringIO()
    pipe = FakePipeline()
    report = run_muc4(
        docs,
        pipe,
        name="fixture",
        keys=load_keys(FIXTURES / "raw"),
        datelines=load_datelines(FIXTURES / "raw"),
        predictions=out,
    )
    assert pipe.seen[0].published_default == date(1990, 3, 12)
    assert report.n_docs == 3 and report.keyed_docs == 3
    c = report.counts
    kinds = c["incident_type"]
    assert (kinds.tp, kinds.n_pred, kinds.n_gold) == (3, 3, 3)
    assert (c["Target"].tp, c["Target"].n_pred, c["Target"].n_gold) == (2, 3, 3)
    assert (c["PerpOrg"].tp, c["PerpOrg"].n_pred, c["PerpOrg"].n_gold) == (1, 1, 3)
    assert report.mapping.unmapped == {"mob_violence": 1}
    extra = report.extra
    assert (extra["date"].tp, extra["date"].n_pred, extra["date"].n_gold) == (1, 2, 3)
    assert (extra["country"].tp, extra["country"].n_both) == (2, 2)
    # Bogota against a country-only key is not compared
    assert (extra["place"].tp, extra["place"].n_both) == (1, 1)
    assert (extra["killed"].tp, extra["wounded"].tp, extra["death"].tp) == (1, 1, 1)
    assert (extra["claimed"].tp, extra["claimed"].n_agree, extra["claimed"].n_both) == (1, 3, 3)

    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["docid"] for line in lines] == [
        "TST1-MUC3-9001",
        "TST1-MUC3-9002",
        "TST2-MUC4-9003",
    ]
    first = lines[0]
    assert first["alignment"][0]["matches"][0] == {
        "role": "PerpInd",
        "pred": "gunmen",
        "gold": ["unidentified gunmen", "gunmen"],
    }
    assert first["predicted"][1]["extra"]["killed"] == [2, 2]
    assert first["gold"][1]["key"]["death"] is True
    assert first["events_left_out"] == [{"id": "r1", "subtype": "mob_violence"}]
    assert report.as_dict()["micro"]["tp"] == report.micro.tp
    # per-document counts behind the interval add up to the corpus counts
    assert [d["Target"] for d in report.per_doc] == [(1, 1, 1), (0, 0, 0), (1, 2, 2)]
    assert sum(d["micro"][0] for d in report.per_doc) == report.micro.tp
    low, high = report.as_dict()["micro_f1_interval"]
    assert low < report.micro.f1 < high


def test_runner_without_keys_skips_extra_slots() -> None:
    report = run_muc4(load_processed(PROCESSED), FakePipeline())
    assert report.keyed_docs == 0 and report.as_dict()["extra"] is None


def test_runner_rejects_a_pipeline_that_loses_documents() -> None:
    with pytest.raises(RuntimeError, match="fewer results"):
        run_muc4(load_processed(PROCESSED), FakePipeline(drop_last=True))


def test_missing_data_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_SHARED", str(tmp_path))
    assert split_path("dev") == tmp_path / "data" / "muc4" / "dev.jsonl"
    with pytest.raises(Exception, match="MUC-4 data not found at .*EVENTWIRE_SHARED"):
        load_processed(split_path("dev"))


def test_bad_json_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"docid": "X", "doctext": "y", "templates": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"bad.jsonl:2: invalid JSON"):
        load_processed(bad)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    pipe = FakePipeline()
    monkeypatch.setattr(cli_module, "make_pipeline", lambda options: pipe)
    return pipe


def test_cli_prints_tables_and_writes_predictions(
    tmp_path: Path, fake_pipeline: FakePipeline
) -> None:
    preds, summary = tmp_path / "preds.jsonl", tmp_path / "summary.json"
    result = CliRunner().invoke(
        cli_module.eval_muc4,
        [
            "--path",
            str(PROCESSED),
            "--predictions",
            str(preds),
            "--summary",
            str(summary),
            "--limit",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "micro" in result.output and "docs/s" in result.output
    assert "95% interval" in result.output
    assert "Slots from the raw answer keys" in result.output  # keys found beside the file
    assert len(preds.read_text(encoding="utf-8").splitlines()) == 2
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["docs"] == 2 and data["name"] == "processed" and data["keyed_docs"] == 2
    low, high = data["micro_f1_interval"]
    assert 0.0 <= low <= data["micro"]["f1"] <= high <= 1.0


def test_cli_no_raw_keys_and_text_fillers(tmp_path: Path, fake_pipeline: FakePipeline) -> None:
    result = CliRunner().invoke(
        cli_module.eval_muc4,
        [
            "--path",
            str(PROCESSED),
            "--predictions",
            str(tmp_path / "p.jsonl"),
            "--no-raw-keys",
            "--filler",
            "text",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Slots from the raw answer keys" not in result.output
    assert "fillers: text" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--path", "does/not/exist.jsonl"], "MUC-4 data not found at does/not/exist.jsonl"),
        (["--split", "dev", "--path", str(PROCESSED)], "give --split or --path, not both"),
    ],
)
def test_cli_errors_are_one_line_without_traceback(
    args: list[str], message: str, tmp_path: Path, fake_pipeline: FakePipeline
) -> None:
    result = CliRunner().invoke(
        cli_module.eval_muc4, [*args, "--predictions", str(tmp_path / "p.jsonl")]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_unwritable_predictions_is_one_line(
    tmp_path: Path, fake_pipeline: FakePipeline
) -> None:
    target = tmp_path / "missing-dir" / "p.jsonl"
    result = CliRunner().invoke(
        cli_module.eval_muc4, ["--path", str(PROCESSED), "--predictions", str(target)]
    )
    assert result.exit_code == 2
    assert f"cannot write predictions to {target}" in result.output


def test_cli_pipeline_crash_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def process(self, docs: Iterable[RawDocument]) -> Iterator[ExtractionResult]:
            raise ValueError("model exploded\nsecond line")
            yield  # pragma: no cover

    monkeypatch.delenv("EVENTWIRE_DEBUG", raising=False)
    monkeypatch.setattr(cli_module, "make_pipeline", lambda options: Broken())
    result = CliRunner().invoke(
        cli_module.eval_muc4, ["--path", str(PROCESSED), "--predictions", str(tmp_path / "p.jsonl")]
    )
    assert result.exit_code == 3
    assert "ValueError: model exploded" in result.output and "second line" not in result.output
