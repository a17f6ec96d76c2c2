/* eventwire map: Leaflet over an offline country basemap (Natural Earth via world-atlas), no
 * tile server. Events come clustered from /api/map (server-side grid), so the browser draws at
 * most a few thousand markers whatever the size of the store. */
"use strict";
window.EWMap = (function () {
  let basemapData = null;

  function create(element, options) {
    const map = L.map(element, Object.assign({
      preferCanvas: true, worldCopyJump: false, minZoom: 1, maxZoom: 16,
      maxBounds: [[-85, -200], [85, 200]], maxBoundsViscosity: 0.8, attributionControl: true,
    }, options || {}));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth");
    addBasemap(map);
    return map;
  }

  async function addBasemap(map) {
    if (!basemapData) {
      basemapData = fetch("/static/vendor/world-atlas/countries-50m.geojson").then((r) => r.json());
    }
    const data = await basemapData;
    const pane = map.createPane("basemap");
    pane.style.zIndex = 200;
    L.geoJSON(data, {
      pane: "basemap",
      interactive: false,
      style: { color: "#9aa5b1", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(map);
    map.getContainer().dataset.basemap = "ready";
  }

  function radius(fatalities) {
    const f = Math.max(0, Number(fatalities) || 0);
    return Math.min(24, 5 + 3 * Math.sqrt(f));
  }

  function popup(p) {
    const where = [p.location, p.country].filter(Boolean).join(", ");
    return EW.el("div", { class: "popup" },
      EW.el("strong", {}, EW.label(p.subtype)),
      EW.el("div", {}, `${p.date_start || "date unknown"}${where ? " · " + where : ""}`),
      EW.el("div", {}, `killed ${EW.n(p.fatalities_best)} · wounded ${EW.n(p.injuries_best)} · ${p.n_reports} report${p.n_reports === 1 ? "" : "s"}`),
      EW.el("a", { href: `/events/${encodeURIComponent(p.id)}` }, "Open event →"));
  }

  /* A layer group drawing one /api/map answer: circles for events, count bubbles for cells. */
  function eventLayer(map) {
    const group = L.layerGroup().addTo(map);
    function draw(data) {
      group.clearLayers();
      // what is drawn, for tests and assistive summaries
      map.getContainer().dataset.points = String(data.points.length);
      map.getContainer().dataset.clusters = String(data.clusters.length);
      map.getContainer().dataset.located = String(data.total);
      for (const p of data.points) {
        const marker = L.circleMarker([p.lat, p.lon], {
          radius: radius(p.fatalities_best), color: "#ffffff", weight: 1,
          fillColor: EW.color(p.type), fillOpacity: 0.85,
        });
        marker.bindPopup(() => popup(p));
        marker.bindTooltip(`${EW.label(p.subtype)} · ${p.date_start || "?"}`);
        marker.eventId = p.id;
        group.addLayer(marker);
      }
      for (const c of data.clusters) {
        const top = Object.entries(c.types).sort((a, b) => b[1] - a[1])[0];
        const size = Math.round(Math.min(56, 22 + 6 * Math.log10(c.count) * 2));
        const node = EW.el("div", { class: "cluster", title: `${c.count} events, ${c.fatalities} killed` }, EW.n(c.count));
        node.style.background = EW.color(top ? top[0] : "");
        node.style.width = node.style.height = node.style.lineHeight = `${size}px`;
        const marker = L.marker([c.lat, c.lon], {
          icon: L.divIcon({ html: node, className: "cluster-icon", iconSize: [size, size] }),
          keyboard: true, title: `${c.count} events`,
        });
        marker.on("click", () => {
          const [s, w, n, e] = c.bounds;
          if (s === n && w === e) map.setView([s, w], Math.min(map.getZoom() + 3, map.getMaxZoom()));
          else map.fitBounds([[s, w], [n, e]], { padding: [30, 30], maxZoom: map.getMaxZoom() });
        });
        group.addLayer(marker);
      }
    }
    return { group, draw };
  }

  return { create, eventLayer, radius };
})();
