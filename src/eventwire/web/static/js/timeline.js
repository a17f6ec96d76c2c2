/* The timeline: events per day/week/month stacked by type (SVG), with a brush. Dragging across
 * it (mouse, pen or finger) picks a date range; a tap picks one bar. */
"use strict";
window.EWTimeline = (function () {
  const SVG = "http://www.w3.org/2000/svg";
  const DAY = 86400000;

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }
  function ms(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function nextBucket(t, interval) {
    const d = new Date(t);
    if (interval === "day") return t + DAY;
    if (interval === "week") return t + 7 * DAY;
    if (interval === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  }

  function create(container, onBrush) {
    let state = null;

    function render(data, since, until) {
      state = { data, since, until };
      container.replaceChildren();
      const width = Math.max(280, container.clientWidth), height = 150;
      const pad = { l: 34, r: 8, t: 8, b: 22 };
      const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "timeline-svg" });
      container.appendChild(root);
      const buckets = new Map();
      for (const r of data.rows) {
        if (!buckets.has(r.bucket)) buckets.set(r.bucket, []);
        buckets.get(r.bucket).push(r);
      }
      if (!buckets.size) {
        const t = svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" });
        t.textContent = "No dated events match.";
        root.appendChild(t);
        return;
      }
      const keys = [...buckets.keys()].sort();
      const t0 = ms(keys[0]), t1 = nextBucket(ms(keys[keys.length - 1]), data.interval);
      const x = (t) => pad.l + ((t - t0) / (t1 - t0)) * (width - pad.l - pad.r);
      const tx = (px) => t0 + ((px - pad.l) / (width - pad.l - pad.r)) * (t1 - t0);
      let max = 1;
      for (const rows of buckets.values()) max = Math.max(max, rows.reduce((s, r) => s + r.events, 0));
      const y = (v) => height - pad.b - (v / max) * (height - pad.t - pad.b);
      const order = Object.keys(EW.TYPE_COLORS);
      const bars = svg("g", { class: "bars" });
      for (const key of keys) {
        const start = ms(key), end = nextBucket(start, data.interval);
        let acc = 0;
        const rows = buckets.get(key).sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
        for (const r of rows) {
          const rect = svg("rect", {
            x: x(start), width: Math.max(1, x(end) - x(start) - 1), y: y(acc + r.events),
            height: Math.max(0.5, y(acc) - y(acc + r.events)), fill: EW.color(r.type),
          });
          const title = svg("title");
          title.textContent = `${key}: ${r.events} ${EW.label(r.type)} (${r.fatalities} killed)`;
          rect.appendChild(title);
          bars.appendChild(rect);
          acc += r.events;
        }
      }
      root.appendChild(bars);
      // axes: max count on the left, a handful of date ticks below
      const maxLabel = svg("text", { x: pad.l - 4, y: pad.t + 8, "text-anchor": "end", class: "axis" });
      maxLabel.textContent = String(max);
      root.appendChild(maxLabel);
      root.appendChild(svg("line", { x1: pad.l, x2: width - pad.r, y1: height - pad.b, y2: height - pad.b, class: "axis-line" }));
      const ticks = Math.max(2, Math.floor(width / 110));
      for (let i = 0; i <= ticks; i++) {
        const t = t0 + ((t1 - t0) * i) / ticks;
        const label = svg("text", { x: x(t), y: height - 6, "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle", class: "axis" });
        label.textContent = data.interval === "month" || data.interval === "year" ? iso(t).slice(0, 7) : iso(t);
        root.appendChild(label);
      }
      // current selection
      const sel = svg("rect", { class: "brush", y: pad.t, height: height - pad.t - pad.b, x: 0, width: 0 });
      root.appendChild(sel);
      function showSelection(a, b) {
        const xa = Math.max(pad.l, Math.min(a, b)), xb = Math.min(width - pad.r, Math.max(a, b));
        sel.setAttribute("x", xa);
        sel.setAttribute("width", Math.max(0, xb - xa));
      }
      if (since || until) {
        showSelection(x(since ? ms(since) : t0), x(until ? ms(until) + DAY : t1));
      }
      // brushing
      let startX = null;
      const local = (ev) => ev.clientX - root.getBoundingClientRect().left;
      root.addEventListener("pointerdown", (ev) => {
        startX = local(ev);
        root.setPointerCapture(ev.pointerId);
        showSelection(startX, startX);
      });
      root.addEventListener("pointermove", (ev) => { if (startX !== null) showSelection(startX, local(ev)); });
      root.addEventListener("pointerup", (ev) => {
        if (startX === null) return;
        let a = Math.min(startX, local(ev)), b = Math.max(startX, local(ev));
        startX = null;
        a = Math.max(pad.l, a); b = Math.min(width - pad.r - 0.01, b);
        // snap to whole buckets; a tap selects the bar under it
        const bucketAt = (px) => {
          const t = tx(px);
          let k = keys[0];
          for (const key of keys) { if (ms(key) <= t) k = key; else break; }
          let s = ms(k);
          while (nextBucket(s, data.interval) <= t) s = nextBucket(s, data.interval);
          return s;
        };
        const from = bucketAt(a), to = nextBucket(bucketAt(b), data.interval) - DAY;
        onBrush(iso(from), iso(to));
      });
    }

    window.addEventListener("resize", () => { if (state) render(state.data, state.since, state.until); });
    return { render };
  }

  return { create };
})();
