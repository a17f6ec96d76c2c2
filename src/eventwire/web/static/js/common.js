/* eventwire: helpers shared by every page. Article text and every other value that came from
 * the store is put into the page as text nodes (textContent), never as HTML. */
"use strict";
window.EW = (function () {
  const TYPE_COLORS = {
    explosion: "#d7301f", attack: "#7a0177", abduction: "#1d91c0", arson: "#fd8d3c",
    robbery: "#41ab5d", riot: "#8c6d31", protest: "#e7298a", coercion: "#525252",
    threat: "#bcbddc",
  };
  const OTHER = "#969696";

  function color(type) { return TYPE_COLORS[type] || OTHER; }

  /* el("a", {href: "/x", class: "y"}, "text", child) — attributes set with setAttribute
   * (href only for same-site paths or http(s) links), children as text nodes or elements. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "href" && !safeHref(String(v))) continue;
      if (k.startsWith("on")) continue; // never event-handler attributes
      node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function safeHref(url) {
    if (url.startsWith("/") && !url.startsWith("//")) return true;
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch (e) { return false; }
  }

  async function getJSON(url, options) {
    const resp = await fetch(url, Object.assign({ headers: { Accept: "application/json" }, credentials: "same-origin" }, options || {}));
    let body = null;
    try { body = await resp.json(); } catch (e) { body = null; }
    if (!resp.ok) {
      const err = new Error(errorText(body) || `HTTP ${resp.status}`);
      err.status = resp.status;
      throw err;
    }
    return body;
  }

  function errorText(body) {
    if (!body || body.detail === undefined) return "";
    if (typeof body.detail === "string") return body.detail;
    if (Array.isArray(body.detail)) {
      return body.detail.map((d) => `${(d.loc || []).slice(-1)[0] || "input"}: ${d.msg}`).join("; ");
    }
    return JSON.stringify(body.detail);
  }

  function n(value) { return value === null || value === undefined ? "–" : Number(value).toLocaleString("en"); }

  function label(s) { return String(s || "").replace(/_/g, " "); }

  /* The filter names shared by the dashboard URL and the API. */
  const FILTERS = ["since", "until", "country", "admin1", "actor", "min_fatalities", "q"];

  function filtersFromQuery(search) {
    const p = new URLSearchParams(search);
    const f = { types: p.getAll("type").filter(Boolean) };
    for (const k of FILTERS) f[k] = p.get(k) || "";
    f.view = p.get("view") || "";
    return f;
  }

  function filterParams(f, options) {
    const p = new URLSearchParams();
    for (const k of FILTERS) {
      if (options && options.omit && options.omit.includes(k)) continue;
      if (f[k] !== undefined && f[k] !== null && String(f[k]).trim() !== "") p.set(k, String(f[k]).trim());
    }
    for (const t of f.types || []) p.append("type", t);
    return p;
  }

  return { TYPE_COLORS, color, el, getJSON, n, label, filtersFromQuery, filterParams, FILTERS, safeHref };
})();
