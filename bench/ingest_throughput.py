"""Ingest throughput on a generated mix of relevant and irrelevant news pages.

Prints articles/second/core for eventwire ingest and for spaCy ``nlp.pipe`` alone on the same
article texts (the cost a naive system pays on every article), their ratio, and the peak
memory of ingest runs of two sizes (memory should not grow with the number of articles).

    python bench/ingest_throughput.py                       # 400 pages, 8% relevant, 1 worker
    python bench/ingest_throughput.py --relevant 0.2 --workers 2

Most news is not about violence; the relevance gate lets ingest skip spaCy for those pages.
The pages are generated from templates here (seeded), never taken from real data.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PLACES = [("Peshawar", "Pakistan"), ("Mogadishu", "Somalia"), ("Maiduguri", "Nigeria"), ("Kabul", "Afghanistan"),
          ("Baghdad", "Iraq"), ("Goma", "Congo"), ("Taiz", "Yemen"), ("Bamako", "Mali"), ("Kismayo", "Somalia"),
          ("Quetta", "Pakistan"), ("Kirkuk", "Iraq"), ("Beni", "Congo")]
PERPS = ["Gunmen", "Militants", "Suspected insurgents", "Al-Shabaab fighters", "Armed men", "Unidentified attackers"]
ATTACKS = [
    "{perp} attacked a police checkpoint in {city} on {day}, killing {n} officers and wounding {m} others, officials said.",
    "A roadside bomb struck a bus on the outskirts of {city} on {day}, killing {n} passengers, police said.",
    "{perp} abducted {n} farmers from fields near {city} on {day}, residents said.",
    "A suicide bomber blew himself up at a market in {city} on {day}, killing {n} people and injuring {m}.",
    "{perp} stormed a village north of {city} on {day}, killing {n} civilians and setting fire to homes.",
]
FOLLOW = [
    "The wounded were taken to the regional hospital, where several were in a serious condition.",
    "No group immediately claimed responsibility for the attack.",
    "Security forces sealed off the area and launched a search for the attackers.",
    "Residents said the violence had forced many families to flee in recent months.",
]
TOPICS = {
    "business": ["Shares in the country's largest bank rose {p} percent after it reported higher quarterly profit.",
                 "The central bank left its main interest rate unchanged at {p} percent, citing slowing inflation.",
                 "Exporters said a weaker currency had helped sales of textiles and leather goods this quarter.",
                 "The company plans to open {n} new branches next year and hire more staff in the provinces.",
                 "Analysts expect growth of about {p} percent as construction and farm output recover."],
    "sport": ["The home side won {n}-{m} in front of a crowd of {k} thousand at the national stadium.",
              "The coach praised his young midfielders after a season in which the club finished third.",
              "The final will be played on {day} evening, with tickets sold out within hours.",
              "The captain scored twice before half-time and set up the third goal for the substitute.",
              "The league said the new season will start in August with sixteen teams."],
    "weather": ["Forecasters expect heavy rain along the coast on {day}, with temperatures falling to {n} degrees.",
                "Farmers welcomed the early rains, which should help the maize and sorghum harvest.",
                "The meteorological service said the dry season would end earlier than usual this year.",
                "Road users were advised to take care on mountain passes because of fog."],
    "culture": ["The festival opens on {day} with a concert by the national orchestra and an exhibition of paintings.",
                "The novel, her third, follows three generations of a family of fishermen on the northern coast.",
                "Tickets for the film's premiere sold out in {n} minutes, the organisers said.",
                "The museum will display {k} restored manuscripts, some more than five hundred years old."],
    "politics": ["Parliament passed the budget by {k} votes to {n} after a long debate on school funding.",
                 "The minister said the new roads programme would connect {n} districts to the national grid.",
                 "Opposition leaders called for electoral reform before next year's local elections.",
                 "The president met a delegation of business leaders to discuss investment in farming."],
}
NAV = "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/business'>Business</a> | <a href='/sport'>Sport</a></nav>"
FOOT = "<footer><p>© 2024 The Daily Example. All rights reserved.</p><p>Subscribe to our newsletter.</p></footer>"


def _fill(template: str, rnd: random.Random, day: date, city: str = "", perp: str = "") -> str:
    return template.format(city=city, perp=perp, day=day.strftime("%A"), n=rnd.randint(2, 30), m=rnd.randint(2, 40),
                           k=rnd.randint(30, 250), p=round(rnd.uniform(0.5, 9.5), 1))


def make_pages(n: int, share: float, seed: int = 7) -> list[dict]:
    """``n`` HTML pages, a ``share`` of them about violence, each about 350-450 words."""
    rnd = random.Random(seed)
    pages = []
    for i in range(n):
        day = date(2024, 1, 1) + timedelta(days=rnd.randint(0, 300))
        topic = rnd.choice(list(TOPICS))
        filler = [_fill(s, rnd, day) for s in rnd.choices(TOPICS[topic], k=18)]
        if rnd.random() < share:
            city, country = rnd.choice(PLACES)
            lead = _fill(rnd.choice(ATTACKS), rnd, day, city, rnd.choice(PERPS))
            body = [f"{city.upper()}, {country} — {lead}", *rnd.sample(FOLLOW, 2), *filler[:12]]
            title = f"Attack near {city}"
        else:
            body = filler
            title = f"{topic.title()} news {i}"
        paras = "".join(f"<p>{' '.join(body[j:j + 3])}</p>" for j in range(0, len(body), 3))
        html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
                f"<meta property='article:published_time' content='{(day + timedelta(days=1)).isoformat()}'></head>"
                f"<body>{NAV}<article><h1>{title}</h1>{paras}</article>{FOOT}</body></html>")
        pages.append({"url": f"https://daily.example/{day.isoformat()}/{i}", "html": html})
    return pages


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(pages_path: str, workers: int) -> dict:
    """Ingest in this process (pipeline loaded first, not timed) and report rate and memory."""
    from eventwire.ingest import IngestOptions, Processor, ingest
    from eventwire.model import RawDocument
    from eventwire.store import open_store

    processor = Processor()
    warm = make_pages(1, 1.0, seed=99)[0]  # load spaCy and the gazetteer before timing
    processor.process([RawDocument(id="warm", source=warm["url"], url=warm["url"], html=warm["html"])])
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        start = time.perf_counter()
        if workers > 1:
            summary = ingest([pages_path], store, IngestOptions(workers=workers))
        else:
            summary = ingest([pages_path], store, processor=processor)
        elapsed = time.perf_counter() - start
        store.close()
    return {"read": summary.read, "parsed": summary.parsed, "stored": summary.stored, "seconds": elapsed,
            "peak_mib": _peak_mib(), "events": len(summary.new_events)}


def spacy_alone(pages: list[dict]) -> tuple[float, int]:
    """Seconds for ``nlp.pipe`` over the cleaned article texts, and how many texts."""
    from eventwire.article import build_article
    from eventwire.config import ExtractOptions
    from eventwire.model import RawDocument
    from eventwire.nlp.annotate import load_spacy

    texts = [build_article(RawDocument(id=str(i), source=p["url"], url=p["url"], html=p["html"])).text for i, p in enumerate(pages)]
    nlp = load_spacy(ExtractOptions().spacy_model)
    list(nlp.pipe(texts[:20]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start, len(texts)


def _child(path: str, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", path, "--workers", str(workers)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--shares", default="0.02,0.05,0.1,0.2", help="shares of pages about violence to measure")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.workers)))
        return
    shares = [float(x) for x in args.shares.split(",")]
    spacy_s, n = spacy_alone(make_pages(args.articles, shares[0]))
    spacy_rate = n / spacy_s
    print(f"spaCy nlp.pipe alone: {spacy_rate:.1f} articles/s/core on {n} article texts")
    print(f"eventwire ingest ({args.workers} worker(s), SQLite, every stage, {args.articles} generated pages):")
    print("  violent share   parsed   articles/s/core   ratio to spaCy   peak MiB")
    with tempfile.TemporaryDirectory() as tmp:
        for share in shares:
            path = Path(tmp) / f"pages{share}.jsonl"
            path.write_text("".join(json.dumps(p) + "\n" for p in make_pages(args.articles, share)), encoding="utf-8")
            run = _child(str(path), args.workers)
            rate = run["read"] / run["seconds"] / args.workers
            print(f"  {share:13.0%}   {run['parsed']:6d}   {rate:15.1f}   {rate / spacy_rate:13.2f}x   {run['peak_mib']:8.0f}")
        big = args.articles * 4
        path = Path(tmp) / "big.jsonl"
        path.write_text("".join(json.dumps(p) + "\n" for p in make_pages(big, shares[0])), encoding="utf-8")
        run = _child(str(path), args.workers)
    print(f"memory: {run['peak_mib']:.0f} MiB peak for {run['read']} articles at {shares[0]:.0%} violent "
          f"({run['read'] / run['seconds'] / args.workers:.1f} articles/s/core)")


if __name__ == "__main__":
    main()
