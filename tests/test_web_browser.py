"""End-to-end tests of the dashboard in a real headless Chromium (Playwright driving Debian's
/usr/bin/chromium; no browser download), against uvicorn serving a store seeded from samples/.

Set EVENTWIRE_SCREENSHOTS=DIR to also save screenshots of the main views (docs/screenshots/).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web dependencies are not installed")
pytest.importorskip("playwright", reason="playwright (the Python driver) is not installed")
CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium; `make test` does it where apt works)", allow_module_level=True)

import httpx  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from eventwire.api import create_app  # noqa: E402
from test_api_support import (  # noqa: E402
    FIXTURES,
    TOKEN,
    LiveServer,
    copy_of_seeded,
    settings,
    store_hostile_article,
)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = Path(os.environ["EVENTWIRE_SCREENSHOTS"]) if os.environ.get("EVENTWIRE_SCREENSHOTS") else None
PASTED = """Militants attack police station in Bosaso

BOSASO, Somalia — Militants armed with rifles and grenades attacked a police station in the Somali port town of Bosaso on Wednesday, killing five police officers and wounding three civilians, a regional security official said.

The Islamic State group claimed responsibility for the attack in a statement.
"""


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with LiveServer(create_app(settings(copy_of_seeded("browser")))) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert problems == [], problems  # no script errors, CSP violations or dialogs on any page


def server_db(server: LiveServer) -> str:
    return server.server.config.app.state.settings.db


def api(server: LiveServer, path: str, **params) -> dict:
    return httpx.get(f"{server.url}{path}", params=params, timeout=30).json()


def shot(page: Page, name: str, full: bool = True) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def open_dashboard(page: Page, server: LiveServer, query: str = "") -> None:
    page.goto(f"{server.url}/{query}")
    expect(page.locator("#events .event-item").first).to_be_visible()
    expect(page.locator("#map")).to_have_attribute("data-located", re.compile(r"^\d+$"))
    expect(page.locator("#map")).to_have_attribute("data-basemap", "ready", timeout=20_000)
    page.wait_for_selector("#timeline svg rect")


def test_dashboard_shows_map_list_and_timeline(page, server):
    open_dashboard(page, server)
    total = api(server, "/api/events", limit=1)["total"]
    expect(page.locator("#summary")).to_contain_text(f"{total} events match")
    located = api(server, "/api/map", zoom=2)["total"]
    drawn = page.evaluate("(() => { const d = document.getElementById('map').dataset; return [+d.points, +d.clusters, +d.located]; })()")
    assert drawn[2] == located and drawn[0] + drawn[1] > 0
    assert page.locator("#map path.leaflet-interactive, #map canvas").count() > 0  # the basemap is drawn
    assert page.locator("#timeline svg .bars rect").count() >= 1
    assert page.locator("#f-types input[type=checkbox]").count() == len({t["type"] for t in api(server, "/api/types")})
    shot(page, "dashboard")


def test_phone_layout_has_no_sideways_scrolling(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2)
    pg = context.new_page()
    try:
        open_dashboard(pg, server)
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        expect(pg.locator("#map")).to_be_visible()
        shot(pg, "dashboard-phone", full=False)
        event = api(server, "/api/events", limit=1)["items"][0]
        pg.goto(f"{server.url}/events/{event['id']}")
        expect(pg.locator("#event-map")).to_have_attribute("data-basemap", "ready", timeout=20_000)
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        shot(pg, "event-phone", full=False)
    finally:
        context.close()


def test_filters_are_reflected_in_the_url_and_restored_from_it(page, server):
    open_dashboard(page, server)
    page.select_option("#f-country", "SO")
    page.wait_for_url(re.compile(r"country=SO"))
    want = api(server, "/api/events", country="SO", limit=100)
    expect(page.locator("#summary")).to_contain_text(f"{want['total']} event")
    expect(page.locator("#events .event-item")).to_have_count(len(want["items"]))
    page.check("#f-types input[value=explosion]")
    page.wait_for_url(re.compile(r"type=explosion"))
    page.fill("#f-minf", "1")
    page.press("#f-minf", "Enter")
    page.wait_for_url(re.compile(r"min_fatalities=1"))
    want = api(server, "/api/events", country="SO", type="explosion", min_fatalities=1)
    expect(page.locator("#summary")).to_contain_text(f"{want['total']} event")
    shared = page.url
    page.goto(shared)  # a shared link opens the same view
    expect(page.locator("#f-country")).to_have_value("SO")
    expect(page.locator("#f-types input[value=explosion]")).to_be_checked()
    expect(page.locator("#summary")).to_contain_text(f"{want['total']} event")
    page.fill("#f-q", "checkpoint")
    page.press("#f-q", "Enter")
    page.wait_for_url(re.compile(r"q=checkpoint"))
    want = api(server, "/api/events", country="SO", type="explosion", min_fatalities=1, q="checkpoint")
    expect(page.locator("#summary")).to_contain_text(f"{want['total']} event")
    shot(page, "dashboard-filtered")


def test_brushing_the_timeline_filters_by_date(page, server):
    open_dashboard(page, server)
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(r"since=\d{4}-\d\d-\d\d&until=\d{4}-\d\d-\d\d"))
    since = re.search(r"since=([\d-]+)", page.url).group(1)
    until = re.search(r"until=([\d-]+)", page.url).group(1)
    want = api(server, "/api/events", since=since, until=until)
    expect(page.locator("#summary")).to_contain_text(f"{want['total']} event")
    expect(page.locator("#f-since")).to_have_value(since)
    assert want["total"] < api(server, "/api/events", limit=1)["total"]
    page.click("#brush-clear")
    page.wait_for_url(lambda url: "since=" not in url)


def test_event_page_shows_figures_reports_and_highlighted_evidence(page, server):
    open_dashboard(page, server, "?country=SO")
    first = page.locator("#events .event-item a").first
    event_id = int(first.get_attribute("href").rsplit("/", 1)[1])
    first.click()
    page.wait_for_url(re.compile(rf"/events/{event_id}$"))
    detail = api(server, f"/api/events/{event_id}")
    event = detail["event"]
    expect(page.locator("[data-testid=killed-best]")).to_have_text(str(event["fatalities_best"]))
    report = detail["reports"][0]
    outlet = report["article"]["site"] or report["article"]["source"]
    expect(page.locator("[data-testid=outlet]").first).to_have_text(outlet)
    text = page.locator("[data-testid=article-text]").first
    for field in ("fatalities", "location"):
        spans = [ev["text"] for ev in report["report"]["evidence"] if ev["field"] == field]
        assert spans, field
        marks = text.locator(f"mark.ev-{field}").all_inner_texts()
        assert any(s in "".join(marks) for s in spans), (field, spans, marks)
    for actor in {a["name"] for a in event["actors"]}:
        expect(page.locator("[data-testid=actors]")).to_contain_text(actor)
    expect(page.locator("#event-map")).to_have_attribute("data-basemap", "ready", timeout=20_000)
    page.uncheck(".field-toggles input[data-field=fatalities]")  # highlights can be switched off per field
    assert page.locator(".report.hide-fatalities").count() == 1
    shot(page, "event")


def test_adding_a_document_through_the_page(page, server):
    page.goto(f"{server.url}/add")
    page.fill("textarea[name=text]", PASTED)
    page.fill("input[name=title]", "Bosaso police station attack")
    page.fill("input[name=published]", "2024-05-16")
    page.fill("input[name=token]", "wrong-token-0123456789")
    page.click("#add-submit")
    expect(page.locator("#add-result")).to_contain_text("token was refused")
    page.problems.clear()  # the browser logs the refused request (401) as a console error
    page.fill("input[name=token]", TOKEN)
    page.click("#add-submit")
    result = page.locator("[data-testid=add-result]")
    expect(result).to_contain_text("stored as a new article", timeout=60_000)
    link = result.locator(".event-item a").first
    expect(link).to_contain_text("Bosaso")
    shot(page, "add-source")
    link.click()
    expect(page.locator("h1")).to_contain_text("Bosaso")
    expect(page.locator(".report h3")).to_contain_text("Bosaso police station attack")
    expect(page.locator("[data-testid=killed-best]")).to_have_text("5")


def test_hostile_article_text_stays_inert_in_the_browser(page, server):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    html = (FIXTURES / "hostile_article.html").read_text(encoding="utf-8")
    text = (FIXTURES / "hostile_text.txt").read_text(encoding="utf-8")
    views: list[str] = []
    for doc in ({"html": html, "url": "https://lakeside.example/g"}, {"text": text, "title": "<img src=x onerror=alert(1)>"}):
        resp = httpx.post(f"{server.url}/api/ingest", json={**doc, "published": "2024-05-20"}, headers=auth, timeout=120)
        assert resp.status_code in (200, 201), resp.text
        body = resp.json()
        views += [f"/articles/{body['documents'][0]['article_id']}"] + [f"/events/{e['id']}" for e in body["events"]]
    for path in views + ["/?q=Garissa", "/?q=Wajir"]:
        page.goto(f"{server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None, path
        scripts = page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))")
        assert all(s and s.startswith("/static/") for s in scripts), (path, scripts)
        assert page.locator("[onerror], [onload], [onmouseover], a[href^='javascript']").count() == 0, path
    # markup inside the stored text itself (another writer, a future extractor), with evidence over it
    article_id, event_id = store_hostile_article(Path(server_db(server)))
    for path in (f"/events/{event_id}", f"/articles/{article_id}", "/?q=Wajir"):
        page.goto(f"{server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("[onerror], [onload], [onclick], [onmouseover], a[href^='javascript']").count() == 0, path
    page.goto(f"{server.url}/events/{event_id}")
    expect(page.locator("[data-testid=article-text]", has_text='<script>window.__xss="text"</script>')).to_have_count(1)
    expect(page.locator("mark.ev-perpetrators", has_text="<script>")).to_have_count(1)
    expect(page.locator("[data-testid=outlet]", has_text="<i onclick=alert(1)>Herald</i>")).to_have_count(1)


def test_api_docs_page_renders_offline(page, server):
    page.goto(f"{server.url}/api/docs")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("eventwire", timeout=20_000)
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    shot(page, "api-docs", full=False)
