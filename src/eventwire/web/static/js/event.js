/* Event and article pages: the small map, and toggling evidence highlights per field. */
"use strict";
(function () {
  const mapNode = document.getElementById("event-map");
  if (mapNode && window.EWMap) {
    const lat = Number(mapNode.dataset.lat), lon = Number(mapNode.dataset.lon);
    const map = EWMap.create(mapNode, { zoomControl: true });
    map.setView([lat, lon], 6);
    L.circleMarker([lat, lon], {
      radius: 9, color: "#ffffff", weight: 2, fillColor: EW.color(mapNode.dataset.type), fillOpacity: 0.9,
    }).bindTooltip(mapNode.dataset.label || "").addTo(map);
  }
  for (const dot of document.querySelectorAll(".type-dot")) dot.style.background = EW.color(dot.dataset.type);

  for (const box of document.querySelectorAll(".field-toggles input[type=checkbox]")) {
    box.addEventListener("change", () => {
      const section = box.closest(".report, .panel") || document;
      section.classList.toggle(`hide-${box.dataset.field}`, !box.checked);
    });
  }
  const back = document.getElementById("back-link");
  if (back && document.referrer) {
    try {
      const ref = new URL(document.referrer);
      if (ref.origin === location.origin && ref.pathname === "/") back.setAttribute("href", ref.pathname + ref.search);
    } catch (e) { /* keep the plain link */ }
  }
})();
