// The map of events: vendored Leaflet, country outlines from world-atlas, clustered markers.
// Popups are built with DOM nodes and textContent: no text from the store becomes HTML.
// When done, #map carries data-markers (markers added) and data-ready="true" for tests.
(function () {
  "use strict";
  var element = document.getElementById("map");
  var data = JSON.parse(document.getElementById("map-data").textContent);
  // Without a tile layer nothing gives the map its zoom range, and clustering needs one.
  var map = L.map(element, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([14, 2], 4);
  // Countries lie in their own pane, under the markers' overlay pane (z-index 400).
  map.createPane("countries").style.zIndex = "350";

  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 18, attribution: "map tiles: " + data.tiles }).addTo(map);
  }

  function add(parent, tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) { node.className = className; }
    parent.appendChild(node);
    return node;
  }

  function popup(e) {
    var box = document.createElement("div");
    add(box, "strong", e.kind);
    add(box, "div", (e.date || "undated") + " · " + e.where + " · " + e.status, "meta");
    add(box, "div", e.who);
    if (e.evidence) { add(box, "blockquote", e.evidence); }
    add(box, "div", e.mentions + " mention(s), " + e.sources + " source(s)", "meta");
    var link = add(box, "a", "evidence and reports");
    link.href = "/events/" + encodeURIComponent(e.id);
    return box;
  }

  var cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
  data.events.forEach(function (e) {
    var marker = L.circleMarker([e.lat, e.lon], {
      radius: 8, color: "#333", weight: 1, fillColor: e.colour, fillOpacity: 0.9
    });
    marker.bindPopup(function () { return popup(e); });
    cluster.addLayer(marker);
  });
  map.addLayer(cluster);
  if (data.events.length) {
    map.fitBounds(cluster.getBounds(), { maxZoom: 7, padding: [40, 40], animate: false });
  }
  window.veilleMap = { map: map, cluster: cluster };
  element.setAttribute("data-markers", String(cluster.getLayers().length));
  element.setAttribute("data-ready", "true");

  // Country outlines under the markers: drawn when loaded, and the map works without them.
  fetch(data.countries)
    .then(function (response) { return response.json(); })
    .then(function (world) {
      var countries = topojson.feature(world, world.objects.countries);
      L.geoJSON(countries, {
        pane: "countries", interactive: false,
        style: { color: "#8a8a80", weight: 1, fillColor: "#f3f1ea", fillOpacity: 1 }
      }).addTo(map);
      element.setAttribute("data-countries", String(countries.features.length));
    })
    .catch(function (error) { element.setAttribute("data-countries-error", String(error)); });
})();
