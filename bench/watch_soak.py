"""Soak test of ``eventwire watch``: changing feeds, faults and restarts; every alert exactly once?

A local HTTP server (127.0.0.1 only) serves generated RSS feeds of five invented publishers
whose items appear over time — first reports of incidents, then other outlets' follow-ups
with higher death tolls — plus the article pages of one publisher whose feed has teasers only.
``eventwire watch`` runs as a child process against them, with a signed webhook receiver, an
SMTP receiver and a JSONL file as sinks, while this script injects faults:

- the watcher is SIGKILLed at random moments (mid-poll, mid-ingest, mid-delivery) and restarted;
- one feed answers 503 for a stretch, another serves broken XML for a stretch;
- the webhook is down (503) for a stretch, and the SMTP server refuses a few messages (451).

At the end it lets the watcher drain, stops it, and checks against the store and the receivers:
every generated item was ingested; every rule alerted for exactly the events it should have
(``once`` rules: one alert per matching event; the ``changes`` rule: the final state of every
matching event was alerted); the webhook, the file and the mailbox each hold every alert of
the store exactly once (after the receiver's idempotency check; redeliveries are counted).
Prints the figures and exits 1 when a check fails.

    python bench/watch_soak.py                        # 180 s, 6 restarts
    python bench/watch_soak.py --duration 25 --kills 1 --incidents 5   # the test suite's quick version
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from eventwire.alerts.testing import SmtpReceiver, WebhookReceiver
from eventwire.sources.jsonl import document_id
from eventwire.store import alerts_queries as aq
from eventwire.store import open_store
from eventwire.watch.testing import FeedServer, Item, rss

CITIES = [("Mogadishu", "Somalia"), ("Kismayo", "Somalia"), ("Baidoa", "Somalia"), ("Peshawar", "Pakistan"),
          ("Quetta", "Pakistan"), ("Maiduguri", "Nigeria"), ("Kabul", "Afghanistan"), ("Baghdad", "Iraq"),
          ("Kirkuk", "Iraq"), ("Goma", "Congo"), ("Bamako", "Mali"), ("Taiz", "Yemen")]
FIRST = [
    ("Car bomb kills {n} in {city}",
     "{CITY}, {country} — A car bomb exploded near a checkpoint in {city} on {day}, killing {n} people and wounding {m} "
     "others, police said.\nNo group immediately claimed responsibility for the attack."),
    ("Gunmen kill {n} in attack near {city}",
     "{CITY}, {country} — Gunmen attacked a village near {city} on {day}, killing {n} civilians, residents said.\n"
     "Security forces sealed off the area."),
    ("Suicide bomber kills {n} at {city} market",
     "{CITY}, {country} — A suicide bomber blew himself up at a crowded market in {city} on {day}, killing {n} people "
     "and injuring {m}, officials said."),
]
FOLLOW = [
    "{CITY}, {country} — The car bomb that exploded near a checkpoint in {city} on {day} killed {n} people, hospital "
    "officials said on {day2}, raising the death toll.",
    "{CITY}, {country} — Gunmen who attacked a village near {city} on {day} killed {n} civilians, officials said on "
    "{day2}, raising the death toll.",
    "{CITY}, {country} — The suicide bomber who blew himself up at a market in {city} on {day} killed {n} people, "
    "officials said on {day2}, raising the death toll.",
]
NOISE = ("Shares close higher on bank earnings",
         "Shares closed higher on {day2} as strong quarterly earnings from the largest banks lifted the index.")
PUBLISHERS = 5
PAGES_PUBLISHER = 4  # its feed carries teasers; the watcher fetches the article pages
SECRET = "soak-secret-0123456789"
BASE_DAY = date(2024, 7, 1)


@dataclass(frozen=True)
class Planned:
    at: float  # seconds after the start
    publisher: int
    incident: int
    item: Item
    page: str | None  # HTML of the article page, for the pages publisher


def plan(incidents: int, span: float, seed: int) -> list[Planned]:
    """Items of ``incidents`` incidents (1-3 reports each) and some noise, over ``span`` s."""
    rnd = random.Random(seed)
    out: list[Planned] = []
    for i in range(incidents):
        city, country = CITIES[i % len(CITIES)]
        kind = i % 3
        day = BASE_DAY + timedelta(days=2 * i)  # one city recurs every 24 days: never merged
        toll = rnd.randint(2, 6)
        start = rnd.uniform(0, span * 0.7)
        pubs = rnd.sample(range(PUBLISHERS), rnd.choice((1, 2, 2, 3)))
        for n, pub in enumerate(pubs):
            at = start + (0 if n == 0 else rnd.uniform(4, 25) * n)
            fields = {"city": city, "CITY": city.upper(), "country": country, "day": day.strftime("%A"),
                      "day2": (day + timedelta(days=1)).strftime("%A"), "n": toll, "m": rnd.randint(3, 20)}
            if n == 0:
                title, text = (t.format(**fields) for t in FIRST[kind])
            else:
                fields["n"] = toll = toll + rnd.randint(2, 8)
                title, text = f"{city} death toll rises to {toll}", FOLLOW[kind].format(**fields)
            out.append(_planned(at, pub, i, f"{i}-{n}", title, text, day + timedelta(days=n and 1)))
    for j in range(max(2, incidents // 3)):
        at = rnd.uniform(0, span)
        day = BASE_DAY + timedelta(days=j)
        title, text = (t.format(day2=day.strftime("%A")) for t in NOISE)
        out.append(_planned(at, rnd.randrange(PUBLISHERS), -1, f"noise-{j}", f"{title} {j}", text, day))
    return sorted(out, key=lambda p: p.at)


def _planned(at: float, pub: int, incident: int, slug: str, title: str, text: str, published: date) -> Planned:
    stamp = time.mktime(published.timetuple()) + 8 * 3600
    if pub == PAGES_PUBLISHER:
        link = f"/pages/{slug}"  # made absolute when served
        page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>" + "".join(
            f"<p>{para}</p>" for para in text.split("\n")) + "</article></body></html>"
        teaser = text.split(" — ")[0]
        return Planned(at, pub, incident, Item(slug, link, title, teaser, stamp), page)
    return Planned(at, pub, incident, Item(slug, f"https://p{pub}-news.example/{slug}", title, text, stamp), None)


def write_config(tmp: Path, server: FeedServer, hook: WebhookReceiver, smtp: SmtpReceiver, interval: float) -> Path:
    feeds = "".join(
        f'[[feeds]]\nname = "p{k}"\nurl = "{server.base}/feeds/p{k}.rss"\ninterval = {interval}\n'
        f"allow_private = true\nfetch_pages = {'true' if k == PAGES_PUBLISHER else 'false'}\n\n"
        for k in range(PUBLISHERS)
    )
    retry = "max_attempts = 1000\nretry_base = 0.5\nretry_max = 3\n"
    text = f"""[watch]
db = "store.db"
delay = 0.02
timeout = 3
max_backoff = 8

{feeds}
[[rules]]
name = "every-event"

[[rules]]
name = "corroborated"
min_sources = 2

[[rules]]
name = "toll-watch"
min_fatalities = 1
on_update = "changes"

[sinks.hook]
type = "webhook"
url = "{hook.url}"
secret = "{SECRET}"
allow_private = true
timeout = 2
{retry}
[sinks.archive]
type = "file"
path = "alerts.jsonl"

[sinks.mail]
type = "email"
host = "127.0.0.1"
port = {smtp.port}
from = "eventwire@localhost"
to = ["analyst@localhost"]
timeout = 3
{retry}"""
    path = tmp / "watch.toml"
    path.write_text(text, encoding="utf-8")
    return path


class Child:
    """The watcher process, restartable; its output goes to a log file."""

    def __init__(self, config: Path, log: Path) -> None:
        self.config, self.log = config, log
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from eventwire.cli import main; main()", "watch", str(self.config), "--log-level", "info"],
            stdout=out, stderr=subprocess.STDOUT, cwd=self.config.parent, env={k: v for k, v in os.environ.items() if k != "EVENTWIRE_DB"} | {"PYTHONUNBUFFERED": "1"},
        )
        out.close()
        self.starts += 1

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            return -9


def publish(server: FeedServer, items: dict[int, list[Planned]], pub: int, broken: bool) -> None:
    path = f"/feeds/p{pub}.rss"
    if broken:
        server.put(path, b"<?xml version='1.0'?><rss><channel><item><title>oops</ti")
        return
    shown = []
    for p in items.get(pub, [])[-40:]:
        link = p.item.link if p.page is None else server.base + p.item.link
        shown.append(Item(p.item.guid, link, p.item.title, p.item.text, p.item.published))
    server.put(path, rss(f"Publisher {pub}", shown))


def run(args: argparse.Namespace) -> int:
    rnd = random.Random(args.seed)
    planned = plan(args.incidents, args.duration * 0.85, args.seed)
    D = args.duration
    kills = sorted(rnd.uniform(0.1 * D, 0.8 * D) for _ in range(args.kills))
    faults = {"feed_down": (0.2 * D, 0.35 * D), "feed_broken": (0.45 * D, 0.6 * D), "hook_down": (0.3 * D, 0.5 * D)}
    with tempfile.TemporaryDirectory(prefix="ewwatch-soak-", dir=args.tmp) as tmpdir, FeedServer() as server, \
            WebhookReceiver(SECRET) as hook, SmtpReceiver() as smtp:
        tmp = Path(tmpdir)
        hook.answer_delay = args.hook_delay
        config = write_config(tmp, server, hook, smtp, args.interval)
        for k in range(PUBLISHERS):
            publish(server, {}, k, False)
        child = Child(config, tmp / "watch.log")
        child.start()
        t0 = time.monotonic()
        shown: dict[int, list[Planned]] = {}
        published_at: dict[str, float] = {}
        queue = list(planned)
        smtp_failed = False
        while time.monotonic() - t0 < D:
            now = time.monotonic() - t0
            changed = set()
            while queue and queue[0].at <= now:
                p = queue.pop(0)
                shown.setdefault(p.publisher, []).append(p)
                if p.page is not None:
                    server.put(p.item.link, p.page.encode(), "text/html; charset=utf-8")
                published_at[p.item.guid] = time.time()
                changed.add(p.publisher)
            broken = faults["feed_broken"][0] <= now < faults["feed_broken"][1]
            for k in range(PUBLISHERS):
                if k in changed or k == 2:
                    publish(server, shown, k, broken and k == 2)
            down = faults["feed_down"][0] <= now < faults["feed_down"][1]
            if down and "/feeds/p1.rss" not in server.failing:
                server.fail("/feeds/p1.rss", 503)
            elif not down:
                server.heal("/feeds/p1.rss")
            hook.down = faults["hook_down"][0] <= now < faults["hook_down"][1]
            if not smtp_failed and now >= 0.4 * D:
                smtp.fail_next(3)
                smtp_failed = True
            if kills and now >= kills[0]:
                kills.pop(0)
                child.kill()
                time.sleep(rnd.uniform(0.2, 1.5))
                child.start()
            time.sleep(0.1)
        for p in queue:  # anything left is published now
            shown.setdefault(p.publisher, []).append(p)
            if p.page is not None:
                server.put(p.item.link, p.page.encode(), "text/html; charset=utf-8")
            published_at[p.item.guid] = time.time()
        hook.down = False
        server.heal("/feeds/p1.rss")
        for k in range(PUBLISHERS):
            publish(server, shown, k, False)
        drained = _drain(tmp / "store.db", planned, server, args.drain)
        code = child.stop()
        elapsed = time.monotonic() - t0
        return report(args, tmp, planned, published_at, server, hook, smtp, child, code, drained, elapsed)


def _links(planned: list[Planned], server: FeedServer) -> list[str]:
    return [server.base + p.item.link if p.page is not None else p.item.link for p in planned]


def _drain(db: Path, planned: list[Planned], server: FeedServer, timeout: float) -> bool:
    """Wait until every item is in the store, evaluated, and every send is done."""
    ids = [document_id(link, "") for link in _links(planned, server)]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        time.sleep(1.0)
        try:
            store = open_store(str(db))
        except Exception:  # noqa: BLE001 - the child may be migrating it
            continue
        try:
            known = store.known_documents(ids)
            pending = aq.send_counts(store.db).get("pending", 0)
            cursor = aq.get_cursor(store.db)
            latest = aq.latest_event_cursor(store.db)
        finally:
            store.close()
        if len(known) == len(ids) and pending == 0 and cursor is not None and cursor >= latest:
            time.sleep(0.5)
            return True
    return False


def report(args: argparse.Namespace, tmp: Path, planned: list[Planned], published_at: dict[str, float],
           server: FeedServer, hook: WebhookReceiver, smtp: SmtpReceiver, child: Child, code: int, drained: bool,
           elapsed: float) -> int:
    from eventwire.alerts.rules import Rule, state_key

    store = open_store(str(tmp / "store.db"))
    db = store.db
    checks: list[tuple[str, bool]] = []
    events = store.events(limit=100_000)
    alerts = db.query("SELECT alert_key, rule, event_id, kind, state_key FROM alerts ORDER BY id")
    keys = [a["alert_key"] for a in alerts]
    by_rule: dict[str, list[dict]] = {}
    for a in alerts:
        by_rule.setdefault(a["rule"], []).append(a)
    # ingestion: every generated item became a document
    docs = {r["doc_id"] for r in db.query("SELECT doc_id FROM documents")}
    items_in = sum(document_id(link, "") in docs for link in _links(planned, server))
    checks.append((f"every item ingested ({items_in}/{len(planned)})", items_in == len(planned)))
    checks.append(("drained before the deadline", drained))
    # once rules: exactly the matching events, one alert each
    every = {e["id"] for e in events}
    corroborated = {e["id"] for e in events if e["n_sources"] >= 2}
    for rule, expected in (("every-event", every), ("corroborated", corroborated)):
        got = [a["event_id"] for a in by_rule.get(rule, [])]
        checks.append((f"{rule}: one alert per matching event ({len(got)} alerts, {len(expected)} events)",
                       sorted(got) == sorted(expected)))
    # the changes rule: the final state of every matching event was alerted
    toll = Rule(name="toll-watch", min_fatalities=1, on_update="changes")
    last = {a["event_id"]: a["state_key"] for a in by_rule.get("toll-watch", [])}
    finals = [e for e in events if (e["fatalities_best"] or e["fatalities_low"] or 0) >= 1]
    missing = [e["id"] for e in finals if last.get(e["id"]) != state_key(toll, e)]
    checks.append((f"toll-watch: final state of all {len(finals)} matching events alerted "
                   f"({len(by_rule.get('toll-watch', []))} alerts)", not missing))
    states = Counter((a["rule"], a["event_id"], a["state_key"]) for a in alerts)
    checks.append(("no (rule, event, state) alerted twice", max(states.values(), default=1) == 1))
    # sinks: each holds every alert of the store exactly once
    checks.append((f"webhook accepted every alert once ({len(hook.alerts)}/{len(keys)})", set(hook.alerts) == set(keys)))
    checks.append(("webhook signatures all valid", hook.bad_signatures == 0))
    lines = [ln for ln in (tmp / "alerts.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    in_file = [json.loads(ln)["alert_id"] for ln in lines]
    checks.append((f"file sink holds every alert once ({len(in_file)} lines)", sorted(in_file) == sorted(keys)))
    mail = smtp.ids()
    checks.append((f"email: every alert arrived ({len(mail)}/{len(keys)})", set(mail) == set(keys)))
    checks.append(("watcher exited cleanly on SIGTERM", code == 0))
    # figures
    title_at = {p.item.title: published_at[p.item.guid] for p in planned if p.item.guid in published_at}
    latencies = []
    for key, payload in hook.alerts.items():
        if payload["rule"] == "every-event" and payload["kind"] == "new" and key in hook.received_at:
            firsts = [title_at[s["title"]] for s in payload["sources"] if s.get("title") in title_at]
            if firsts:
                latencies.append(hook.received_at[key] - min(firsts))
    feeds = aq.feed_states(db)
    polls = [r for r in server.requests if r["path"].startswith("/feeds/")]
    kinds = Counter(a["kind"] for a in alerts)
    incidents = {p.incident for p in planned if p.incident >= 0}
    print(f"eventwire watch soak: {elapsed:.0f} s wall, {args.duration:.0f} s of publishing and faults, "
          f"{len(incidents)} incidents, {len(planned)} items on {PUBLISHERS} feeds, "
          f"{child.starts - 1} SIGKILL+restart(s), seed {args.seed}")
    print(f"  store: {len(docs)} documents, {store.stats()['reports']} reports, {len(events)} events "
          f"({len(corroborated)} with 2+ sources)")
    print(f"  alerts: {len(alerts)} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
          f"by rule: {', '.join(f'{r} {len(v)}' for r, v in sorted(by_rule.items()))}")
    print(f"  sends: {dict(sorted(aq.send_counts(db).items()))}")
    print(f"  webhook: {hook.posts} POSTs, {len(hook.alerts)} accepted, {sum(hook.duplicates.values())} "
          f"redelivered and dropped by the idempotency key; email: {sum(mail.values())} messages for "
          f"{len(mail)} alerts ({sum(mail.values()) - len(mail)} duplicates); file: {len(in_file)} lines")
    statuses = Counter(r["status"] for r in polls)
    print(f"  feed requests: {len(polls)} ({', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))}); "
          f"watcher polls recorded {sum(int(f['polls']) for f in feeds)}")
    if latencies:
        latencies.sort()
        print(f"  latency publish -> webhook, new events: median {statistics.median(latencies):.1f} s, "
              f"p95 {latencies[int(0.95 * (len(latencies) - 1))]:.1f} s, max {latencies[-1]:.1f} s (n={len(latencies)})")
    ok = all(passed for _, passed in checks)
    for text, passed in checks:
        print(f"  [{'ok' if passed else 'FAIL'}] {text}")
    print(f"exactly once: {'yes' if ok else 'NO'}")
    store.close()
    if not ok:
        print((tmp / "watch.log").read_text(encoding="utf-8", errors="replace")[-6000:], file=sys.stderr)
    return 0 if ok else 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=180.0, help="seconds of publishing and faults")
    ap.add_argument("--incidents", type=int, default=40)
    ap.add_argument("--kills", type=int, default=6, help="SIGKILL-and-restart the watcher this many times")
    ap.add_argument("--interval", type=float, default=2.0, help="feed polling interval, seconds")
    ap.add_argument("--drain", type=float, default=240.0, help="seconds allowed to catch up at the end")
    ap.add_argument("--hook-delay", type=float, default=0.25,
                    help="the webhook answers this long after accepting, widening the window where a kill causes a redelivery")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--tmp", default=None, help="folder for the scratch store and files")
    sys.exit(run(ap.parse_args()))


if __name__ == "__main__":
    main()
