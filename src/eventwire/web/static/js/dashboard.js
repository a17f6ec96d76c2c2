/* The dashboard: filters <-> URL, the event list (keyset pages), the map layer and the
 * timeline, all from the JSON API. Every filter lives in the address bar, so a view can be
 * shared by copying the URL. */
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("filters");
  const PAGE = 25;
  let state = EW.filtersFromQuery(location.search);
  let cursors = [null]; // cursor of each page seen so far; the last one is the current page
  let mapRequest = 0, listRequest = 0, timelineRequest = 0;

  const map = EWMap.create($("map"));
  const layer = EWMap.eventLayer(map);
  const timeline = EWTimeline.create($("timeline"), (since, until) => {
    state.since = since; state.until = until;
    writeForm(); commit(true);
  });
  setView(state.view);

  function setView(view) {
    const parts = (view || "").split(",").map(Number);
    if (parts.length === 3 && parts.every((v) => Number.isFinite(v))) map.setView([parts[0], parts[1]], parts[2]);
    else map.setView([15, 20], 2);
  }

  // -- form <-> state ------------------------------------------------------------------
  function writeForm() {
    $("f-since").value = state.since; $("f-until").value = state.until;
    $("f-actor").value = state.actor; $("f-minf").value = state.min_fatalities; $("f-q").value = state.q;
    setSelect($("f-country"), state.country); setSelect($("f-admin1"), state.admin1);
    for (const box of form.querySelectorAll("input[name=type]")) box.checked = state.types.includes(box.value);
    $("brush-clear").hidden = !(state.since || state.until);
  }
  function setSelect(select, value) {
    if (value && ![...select.options].some((o) => o.value === value)) select.appendChild(EW.el("option", { value }, value));
    select.value = value || "";
  }
  function readForm() {
    const data = new FormData(form);
    for (const k of EW.FILTERS) state[k] = (data.get(k) || "").toString();
    state.types = data.getAll("type").map(String);
  }
  function commit(push) {
    const params = EW.filterParams(state);
    if (state.view) params.set("view", state.view);
    const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    cursors = [null];
    refresh();
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); readForm(); commit(true); });
  for (const name of ["f-country", "f-admin1", "f-since", "f-until", "f-minf"]) {
    $(name).addEventListener("change", () => {
      if (name === "f-country") $("f-admin1").value = "";
      readForm(); commit(true);
      if (name === "f-country") loadRegions();
    });
  }
  $("f-types").addEventListener("change", () => { readForm(); commit(true); });
  $("f-reset").addEventListener("click", () => {
    state = EW.filtersFromQuery(""); state.view = currentView();
    writeForm(); loadRegions(); commit(true);
  });
  $("brush-clear").addEventListener("click", () => { state.since = ""; state.until = ""; writeForm(); commit(true); });
  window.addEventListener("popstate", () => {
    state = EW.filtersFromQuery(location.search);
    writeForm(); setView(state.view); cursors = [null]; refresh();
  });

  // -- option lists -----------------------------------------------------------------
  async function loadTypes() {
    const types = await EW.getJSON("/api/types");
    const seen = [...new Set(types.map((t) => t.type))];
    const box = $("f-types"), legend = $("legend");
    for (const type of seen) {
      const swatch = EW.el("span", { class: "swatch" });
      swatch.style.background = EW.color(type);
      box.appendChild(EW.el("label", { class: "chip" },
        EW.el("input", { type: "checkbox", name: "type", value: type }), swatch, EW.label(type)));
      const key = EW.el("span", { class: "swatch" });
      key.style.background = EW.color(type);
      legend.appendChild(EW.el("span", { class: "legend-item" }, key, EW.label(type)));
    }
    legend.appendChild(EW.el("span", { class: "legend-item muted" }, "size: killed"));
  }
  async function loadCountries() {
    const data = await EW.getJSON("/api/places?level=country&limit=300");
    const select = $("f-country");
    for (const c of data.items) {
      if (![...select.options].some((o) => o.value === c.country)) {
        select.appendChild(EW.el("option", { value: c.country }, `${c.country_name || c.country} (${c.events})`));
      } else {
        [...select.options].find((o) => o.value === c.country).textContent = `${c.country_name || c.country} (${c.events})`;
      }
    }
    setSelect(select, state.country);
  }
  async function loadRegions() {
    const select = $("f-admin1");
    select.replaceChildren(EW.el("option", { value: "" }, "All"));
    if (state.country) {
      const p = new URLSearchParams({ level: "admin1", country: state.country, limit: "300" });
      const data = await EW.getJSON(`/api/places?${p}`);
      for (const r of data.items) select.appendChild(EW.el("option", { value: r.admin1 }, `${r.admin1} (${r.events})`));
    }
    setSelect(select, state.admin1);
  }
  let actorTimer = null;
  $("f-actor").addEventListener("input", () => {
    clearTimeout(actorTimer);
    actorTimer = setTimeout(async () => {
      const q = $("f-actor").value.trim();
      const data = await EW.getJSON(`/api/actors?limit=15&q=${encodeURIComponent(q)}`);
      $("actor-list").replaceChildren(...data.items.map((a) => EW.el("option", { value: a.name }, `${a.events} events`)));
    }, 200);
  });

  // -- data ---------------------------------------------------------------------------
  function refresh() {
    const params = EW.filterParams(state);
    $("export-csv").setAttribute("href", `/api/export.csv?${params}`);
    $("export-geojson").setAttribute("href", `/api/export.geojson?${params}`);
    $("brush-clear").hidden = !(state.since || state.until);
    loadList(); loadMap(); loadTimeline();
  }

  async function loadList() {
    const id = ++listRequest;
    const params = EW.filterParams(state);
    params.set("limit", String(PAGE));
    const cursor = cursors[cursors.length - 1];
    if (cursor) params.set("cursor", cursor);
    let data;
    try { data = await EW.getJSON(`/api/events?${params}`); } catch (err) { return showError(err); }
    if (id !== listRequest) return;
    const list = $("events");
    list.replaceChildren(...data.items.map(eventItem));
    if (!data.items.length) list.appendChild(EW.el("li", { class: "muted" }, "No events match these filters."));
    const first = (cursors.length - 1) * PAGE + 1;
    $("page-info").textContent = data.items.length ? `${EW.n(first)}–${EW.n(first + data.items.length - 1)} of ${EW.n(data.total)}` : "";
    $("summary").textContent = `${EW.n(data.total)} event${data.total === 1 ? "" : "s"} match${data.total === 1 ? "es" : ""}${describe()}.`;
    $("prev").disabled = cursors.length <= 1;
    $("next").disabled = !data.next_cursor;
    $("next").onclick = () => { cursors.push(data.next_cursor); loadList(); };
    $("prev").onclick = () => { cursors.pop(); loadList(); };
  }

  function describe() {
    const parts = [];
    if (state.since || state.until) parts.push(`${state.since || "…"} to ${state.until || "…"}`);
    if (state.country) parts.push($("f-country").selectedOptions[0]?.textContent.replace(/ \(\d+\)$/, "") || state.country);
    if (state.admin1) parts.push(state.admin1);
    if (state.types.length) parts.push(state.types.map(EW.label).join(" or "));
    if (state.actor) parts.push(`actor “${state.actor}”`);
    if (state.min_fatalities) parts.push(`≥ ${state.min_fatalities} killed`);
    if (state.q) parts.push(`text “${state.q}”`);
    return parts.length ? ": " + parts.join(", ") : "";
  }

  function eventItem(e) {
    const where = [e.location, e.admin1, e.country].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(", ");
    const actors = [...new Set(e.actors.map((a) => a.name))].join("; ");
    const dot = EW.el("span", { class: "type-dot" });
    dot.style.background = EW.color(e.type);
    return EW.el("li", { class: "event-item", "data-event-id": e.id },
      EW.el("a", { href: `/events/${e.id}`, class: "event-link" },
        EW.el("span", { class: "event-title" }, dot, EW.label(e.subtype), where ? ` · ${where}` : ""),
        EW.el("span", { class: "event-meta" },
          `${e.date_start || "date unknown"} · killed ${EW.n(e.fatalities_best)} · wounded ${EW.n(e.injuries_best)} · ${e.n_reports} report${e.n_reports === 1 ? "" : "s"}`),
        actors ? EW.el("span", { class: "event-actors" }, actors) : null));
  }

  function currentView() {
    const c = map.getCenter();
    return `${c.lat.toFixed(3)},${c.lng.toFixed(3)},${map.getZoom()}`;
  }

  async function loadMap() {
    const id = ++mapRequest;
    const params = EW.filterParams(state);
    const b = map.getBounds().pad(0.25);
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    params.set("bbox", [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(","));
    params.set("zoom", String(map.getZoom()));
    let data;
    try { data = await EW.getJSON(`/api/map?${params}`); } catch (err) { return showError(err); }
    if (id !== mapRequest) return;
    layer.draw(data);
  }

  async function loadTimeline() {
    const id = ++timelineRequest;
    const params = EW.filterParams(state, { omit: ["since", "until"] });
    let data;
    try { data = await EW.getJSON(`/api/timeline?${params}`); } catch (err) { return showError(err); }
    if (id !== timelineRequest) return;
    timeline.render(data, state.since, state.until);
  }

  function showError(err) {
    $("summary").replaceChildren(EW.el("span", { class: "error", role: "alert" }, `Could not load: ${err.message}`));
  }

  map.on("moveend", () => {
    state.view = currentView();
    const params = EW.filterParams(state);
    params.set("view", state.view);
    history.replaceState(null, "", `${location.pathname}?${params}`);
    loadMap();
  });

  (async function start() {
    try { await loadTypes(); } catch (err) { showError(err); }
    writeForm();
    refresh();
    try { await loadCountries(); await loadRegions(); } catch (err) { showError(err); }
  })();
})();
