"""Latency of the main API queries on a store with 100,000 generated events.

    .venv/bin/python bench/api_latency.py                 # 100,000 events in a temporary store
    .venv/bin/python bench/api_latency.py --events 20000 --repeat 30 --keep /tmp/ew/bench.db

Generates a synthetic SQLite store directly through the store's tables (articles with text for
full-text search, one report per event, event-report links, actors), migrated by the real
``open_store``; then serves it with uvicorn on 127.0.0.1 and times each query over HTTP with
varied parameters (different countries, types, pages), printing p50/p95/max in milliseconds.
The numbers include HTTP, JSON encoding and the dashboard's server-side aggregation, i.e. what
the browser waits for.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from eventwire.ontology import SUBTYPES
from eventwire.store import open_store
from eventwire.store.db import dumps
from eventwire.store.schema import now

COUNTRIES = {  # code: (lat, lon, spread in degrees, a few admin1 names)
    "SO": (5.0, 46.0, 4, ["Banaadir", "Bay", "Lower Shabelle"]), "NG": (9.5, 8.0, 5, ["Borno", "Katsina", "Zamfara"]),
    "AF": (34.0, 66.0, 4, ["Nangarhar", "Kabul", "Helmand"]), "PK": (30.0, 70.0, 4, ["Balochistan", "Khyber Pakhtunkhwa"]),
    "ML": (16.0, -2.0, 5, ["Mopti", "Gao"]), "BF": (12.5, -1.5, 3, ["Sahel", "Est"]), "CD": (-1.0, 28.0, 4, ["Nord-Kivu", "Ituri"]),
    "YE": (15.0, 47.0, 3, ["Taiz", "Marib"]), "SY": (35.0, 38.0, 2, ["Idlib", "Aleppo"]), "IQ": (33.0, 44.0, 3, ["Anbar", "Nineveh"]),
    "CO": (4.0, -74.0, 4, ["Cauca", "Norte de Santander"]), "MX": (20.0, -100.0, 6, ["Guerrero", "Michoacán", "Sinaloa"]),
    "UA": (48.5, 35.0, 3, ["Donetsk", "Kharkiv"]), "MM": (21.0, 96.0, 4, ["Sagaing", "Rakhine"]), "SD": (14.0, 30.0, 5, ["Darfur", "Khartoum"]),
    "KE": (0.5, 38.0, 3, ["Mandera", "Lamu"]), "IN": (24.0, 84.0, 6, ["Manipur", "Chhattisgarh"]), "PH": (8.0, 124.0, 3, ["Maguindanao"]),
    "EC": (-1.5, -79.0, 2, ["Esmeraldas", "Guayas"]), "HT": (18.8, -72.5, 1, ["Ouest"]),
}  # fmt: skip
ACTORS = ["al-Shabaab", "Islamic State", "Boko Haram", "Taliban", "JNIM", "M23", "ELN", "Houthis", "ISWAP", "TTP",
          "Military Forces of Nigeria", "Wagner Group", "FARC dissidents", "Arakan Army", "RSF"]  # fmt: skip
WORDS = ("gunmen attacked village market checkpoint convoy police station bomb exploded killing wounding soldiers "
         "civilians militants claimed responsibility officials said district town road army base drone strike").split()


def generate(path: Path, n_events: int, seed: int = 7) -> None:
    """Fill a fresh store with ``n_events`` events (and their articles and reports)."""
    rng = random.Random(seed)
    store = open_store(str(path))
    db = store.db
    stamp = now()
    start = date(2020, 1, 1)
    articles, reports, events, links, actors = [], [], [], [], []
    n_articles = max(1, n_events * 3 // 5)
    for a in range(1, n_articles + 1):
        # common words (a query matching most articles: the worst case) and a rarer place name
        text = " ".join(rng.choice(WORDS) for _ in range(60)) + f" near Kilo{rng.randrange(3000)}"
        articles.append([a, f"doc{a}", f"bench/{a}.txt", f"https://news{a % 50}.example/{a}", f"h{a}",
                         f"Report {a}: {' '.join(rng.choice(WORDS) for _ in range(6))}", f"Outlet {a % 50}",
                         (start + timedelta(days=rng.randrange(1800))).isoformat(), "en", text, "[]", 1, 1, stamp])
    for e in range(1, n_events + 1):
        code = rng.choice(list(COUNTRIES))
        lat0, lon0, spread, admins = COUNTRIES[code]
        sub = rng.choice(SUBTYPES)
        day = (start + timedelta(days=rng.randrange(1800))).isoformat()
        dead = rng.choice([None, 0, 1, 2, 3, 5, 8, 12, 20, 40]) if rng.random() < 0.9 else rng.randrange(50, 300)
        lat, lon = round(lat0 + rng.uniform(-spread, spread), 4), round(lon0 + rng.uniform(-spread, spread), 4)
        who = rng.sample(ACTORS, rng.choice([0, 1, 1, 2]))
        act = [{"name": name, "role": "perpetrator", "n_reports": 1, "sources": ["bench"]} for name in who]
        events.append([e, sub.type, sub.subtype, day, day, "day", day, day, code, rng.choice(admins), f"Town {e % 997}", lat, lon,
                       "town", dead, dead, dead, None, None, None, dumps(act), f"Synthetic event {e}", 0.8, 1, 1, stamp, stamp, 1])
        article = rng.randrange(1, n_articles + 1)
        data = {"id": f"r{e}", "type": sub.type, "subtype": sub.subtype, "confidence": 0.8, "evidence": []}
        reports.append([e, f"r{e}", article, "bench", sub.type, sub.subtype, day, day, "day", code, lat, lon, dead, dead, dead,
                        dumps(who), "[]", "[]", 0.8, dumps(data), stamp])
        links.append([e, e, stamp])
        actors += [[e, name, "perpetrator", 1] for name in who]
    with db.transaction():
        db.executemany(
            "INSERT INTO articles (id, doc_id, source, url, content_hash, title, site, published, language, text, removed, "
            "relevant, n_reports, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", articles)
        db.executemany(
            "INSERT INTO events (id, type, subtype, date_start, date_end, date_precision, span_start, span_end, country, admin1, "
            "location, lat, lon, geo_precision, fatalities_low, fatalities_best, fatalities_high, injuries_low, injuries_best, "
            "injuries_high, actors, summary, confidence, n_reports, n_sources, first_seen, updated_at, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        db.executemany(
            "INSERT INTO reports (id, report_key, article_id, source_key, type, subtype, date_start, date_end, date_precision, "
            "country, lat, lon, fatalities_low, fatalities_best, fatalities_high, perpetrators, claimed_by, targets, confidence, "
            "data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", reports)
        db.executemany("INSERT INTO event_reports (event_id, report_id, added_at) VALUES (?, ?, ?)", links)
        db.executemany("INSERT INTO event_actors (event_id, actor, role, n_reports) VALUES (?, ?, ?, ?)", actors)
    db.execute("ANALYZE")
    store.close()


def queries(rng: random.Random, n_events: int, cursor: str | None) -> dict[str, tuple[str, dict]]:
    """One instance of each timed request, with parameters varied per repetition."""
    code = rng.choice(list(COUNTRIES))
    sub = rng.choice(SUBTYPES)
    lat0, lon0, _, _ = COUNTRIES[code]
    year = rng.randrange(2020, 2025)
    return {
        "events: first page, no filter": ("/api/events", {"limit": 50}),
        "events: country": ("/api/events", {"country": code, "limit": 50}),
        "events: type + min killed + year": ("/api/events", {"type": sub.type, "min_fatalities": 5, "since": f"{year}-01-01",
                                                              "until": f"{year}-12-31", "limit": 50}),
        "events: actor": ("/api/events", {"actor": rng.choice(ACTORS)[:6], "limit": 50}),
        "events: full text, rare word": ("/api/events", {"q": f"Kilo{rng.randrange(3000)}", "limit": 50}),
        "events: full text, word in most articles": ("/api/events", {"q": rng.choice(WORDS), "limit": 50}),
        "events: deep keyset page": ("/api/events", {"limit": 50, "cursor": cursor} if cursor else {"limit": 50}),
        "event detail": (f"/api/events/{rng.randrange(1, n_events + 1)}", {}),
        "map: world (zoom 2)": ("/api/map", {"zoom": 2}),
        "map: region (zoom 6, bbox)": ("/api/map", {"zoom": 6, "bbox": f"{lon0 - 8},{lat0 - 5},{lon0 + 8},{lat0 + 5}"}),
        "timeline: all, auto": ("/api/timeline", {}),
        "timeline: country": ("/api/timeline", {"country": code}),
        "places: countries": ("/api/places", {"level": "country", "limit": 300}),
        "actors": ("/api/actors", {"limit": 50}),
        "stats": ("/api/stats", {}),
        "export: 1,000 rows CSV": ("/api/export.csv", {"limit": 1000}),
    }


def serve(db_path: Path, cache: bool = True) -> tuple[subprocess.Popen, str]:
    """uvicorn in its own process (a server thread here would share this process's GIL with the
    client and inflate every figure)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = (
        "import uvicorn; from eventwire.api import ServerSettings, create_app; "
        f"uvicorn.run(create_app(ServerSettings(db={str(db_path)!r}, token='bench-token-0123456789', "
        f"aggregate_cache={cache!r})), "
        f"host='127.0.0.1', port={port}, log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{base}/api/types", timeout=2)
            return proc, base
        except httpx.HTTPError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40, help="timed requests per query")
    parser.add_argument("--keep", type=Path, help="write (or reuse) the generated store here")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--no-cache", action="store_true", help="serve without the aggregate cache")
    parser.add_argument("--compare-cache", action="store_true",
                        help="time every query without and then with the aggregate cache, side by side")
    args = parser.parse_args()
    path = args.keep or Path(tempfile.mkdtemp(prefix="eventwire-bench-")) / "bench.db"
    if not path.exists():
        t0 = time.perf_counter()
        generate(path, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - t0:.1f} s -> {path}", file=sys.stderr)
    modes = {"no cache": False, "cache": True} if args.compare_cache else {"": not args.no_cache}
    results = {label: run_queries(path, args.repeat, cache) for label, cache in modes.items()}
    total = next(iter(results.values()))[0]
    rows = []
    print(f"\n{total:,} events, {args.repeat} requests per query, milliseconds over HTTP on 127.0.0.1\n")
    labels = list(results)
    head = "".join(f" {(lab + ' p50').strip():>14} {(lab + ' p95').strip():>14}" for lab in labels)
    print(f"{'query':42}{head}")
    for name in results[labels[0]][1]:
        line = f"{name:42}"
        row: dict = {"query": name}
        for lab in labels:
            values = sorted(results[lab][1][name])
            p50 = statistics.median(values)
            p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
            line += f" {p50:14.1f} {p95:14.1f}"
            key = (lab.replace(" ", "_") + "_") if lab else ""
            row |= {f"{key}p50_ms": round(p50, 1), f"{key}p95_ms": round(p95, 1), f"{key}max_ms": round(values[-1], 1)}
        rows.append(row)
        print(line)
    if args.json:
        args.json.write_text(json.dumps({"events": total, "repeat": args.repeat, "rows": rows}, indent=2))


def run_queries(path: Path, repeat: int, cache: bool) -> tuple[int, dict[str, list[float]]]:
    """Serve ``path`` and time every query ``repeat`` times (after one warm-up round)."""
    proc, base = serve(path, cache)
    rng = random.Random(1)
    timings: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        total = client.get("/api/stats").json()["events"]
        # a cursor about 2,000 pages deep, for the keyset case
        deep = client.get("/api/events", params={"limit": 1, "offset": min(total - 1, 100_000 - 1, total * 9 // 10)}).json()
        from eventwire.api.params import encode_cursor

        cursor = encode_cursor(deep["items"][0]["date_start"], deep["items"][0]["id"]) if deep["items"] else None
        for _name, (path_, params) in queries(rng, total, cursor).items():  # warm-up
            client.get(path_, params=params)
        for _ in range(repeat):
            for name, (path_, params) in queries(rng, total, cursor).items():
                t0 = time.perf_counter()
                resp = client.get(path_, params=params)
                resp.read()
                timings.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
                if resp.status_code != 200:
                    raise SystemExit(f"{name}: HTTP {resp.status_code} {resp.text[:200]}")
    proc.terminate()
    proc.wait(timeout=10)
    return total, timings


if __name__ == "__main__":
    main()
