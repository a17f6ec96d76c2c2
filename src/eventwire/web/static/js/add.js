/* Add a source: paste text, give a URL or upload a file; posts to the ingestion API with the
 * token in a header and shows what the pipeline stored and which events it created or updated. */
"use strict";
(function () {
  const form = document.getElementById("add-form");
  const out = document.getElementById("add-result");
  const KEY = "eventwire.token";
  const saved = localStorage.getItem(KEY);
  if (saved) { form.token.value = saved; form.remember.checked = true; }

  function mode() { return form.querySelector("input[name=mode]:checked").value; }
  function showMode() {
    for (const part of form.querySelectorAll("[data-mode]")) part.hidden = part.dataset.mode !== mode();
  }
  for (const radio of form.querySelectorAll("input[name=mode]")) radio.addEventListener("change", showMode);
  showMode();

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const token = form.token.value.trim();
    if (form.remember.checked) localStorage.setItem(KEY, token); else localStorage.removeItem(KEY);
    const headers = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    let url = "/api/ingest", body;
    if (mode() === "file") {
      const file = form.file.files[0];
      if (!file) return show(EW.el("p", { class: "error" }, "Choose a file first."));
      body = new FormData();
      body.append("file", file);
      if (form.published.value) body.append("published", form.published.value);
      body.append("parse_all", form.parse_all.checked ? "true" : "false");
      url = "/api/ingest/file";
    } else {
      const doc = { parse_all: form.parse_all.checked };
      if (form.published.value) doc.published = form.published.value;
      if (mode() === "text") {
        if (!form.text.value.trim()) return show(EW.el("p", { class: "error" }, "Paste some text first."));
        doc.text = form.text.value;
        if (form.title.value.trim()) doc.title = form.title.value.trim();
        if (form.source_url.value.trim()) doc.url = form.source_url.value.trim();
      } else {
        if (!form.url.value.trim()) return show(EW.el("p", { class: "error" }, "Give a URL first."));
        doc.url = form.url.value.trim();
      }
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(doc);
    }
    const button = document.getElementById("add-submit");
    button.disabled = true;
    show(EW.el("p", { class: "muted" }, "Extracting… (the first document after start-up also loads the language model)"));
    try {
      const result = await EW.getJSON(url, { method: "POST", headers, body });
      show(render(result));
    } catch (err) {
      show(EW.el("p", { class: "error", role: "alert" }, err.status === 401 ? "The API token was refused." : `Not added: ${err.message}`));
    } finally {
      button.disabled = false;
    }
  });

  function show(node) { out.replaceChildren(node); }

  const STATUS = {
    stored: "stored as a new article", known: "already in the store", duplicate: "a duplicate of a stored article",
    near_duplicate: "a near-duplicate (linked to the original)", failed: "not added",
  };

  function render(result) {
    const box = EW.el("div", { class: "panel result", "data-testid": "add-result" });
    box.appendChild(EW.el("h2", {}, "Result"));
    const docs = EW.el("ul", { class: "docs" });
    for (const d of result.documents) {
      docs.appendChild(EW.el("li", {},
        EW.el("strong", {}, d.source === "<stdin>" ? "Your document" : d.source), ": ", STATUS[d.status] || d.status,
        d.status === "stored" && d.relevant === false ? " (no violence words: not parsed)" : "",
        d.reports ? `, ${d.reports} event report${d.reports === 1 ? "" : "s"}` : "",
        d.error ? ` — ${d.error}` : "",
        d.article_id ? [" · ", EW.el("a", { href: `/articles/${d.article_id}` }, `article #${d.article_id}`)] : ""));
    }
    box.appendChild(docs);
    if (result.events.length) {
      box.appendChild(EW.el("h3", {}, "Events"));
      const list = EW.el("ol", { class: "event-list" });
      for (const e of result.events) {
        const isNew = result.documents.some((d) => d.new_events.includes(e.id));
        const where = [e.location, e.admin1, e.country].filter(Boolean).join(", ");
        list.appendChild(EW.el("li", { class: "event-item" },
          EW.el("a", { href: `/events/${e.id}`, class: "event-link" },
            EW.el("span", { class: "event-title" }, `${EW.label(e.subtype)}${where ? " · " + where : ""}`,
              EW.el("span", { class: isNew ? "badge new" : "badge" }, isNew ? "new" : "updated")),
            EW.el("span", { class: "event-meta" }, `${e.date_start || "date unknown"} · killed ${EW.n(e.fatalities_best)} · wounded ${EW.n(e.injuries_best)} · ${e.n_reports} report${e.n_reports === 1 ? "" : "s"}`))));
      }
      box.appendChild(list);
    } else {
      box.appendChild(EW.el("p", { class: "muted" }, "No events were found in this source."));
    }
    return box;
  }
})();
