/* The finder's map (Leaflet). Drawn from the JSON block #map-data; the tile server comes from
   the map element's data-tile-url, Leaflet itself from its data-leaflet (loaded when the map
   comes near the screen). The list on the page never depends on this map: without
   JavaScript (or Leaflet) the map stays hidden and the page is complete. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.href = href;
    return a;
  }

  // A popup listing every workshop at one location (never hides any).
  function workshopsPopup(location) {
    var box = el("div", "map-popup");
    var list = el("ol", "map-popup-list");
    location.workshops.forEach(function (w) {
      var item = el("li");
      item.value = w.number;
      item.appendChild(link(w.url, w.title));
      item.appendChild(el("div", "map-popup-when", w.when));
      item.appendChild(el("div", "map-popup-where", w.where));
      item.appendChild(el("div", "map-popup-seats", w.seats));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function countPopup(location) {
    var box = el("div", "map-popup");
    box.appendChild(link(location.url, location.label));
    box.appendChild(el("div", "", location.count + (location.count === 1 ? " workshop" : " workshops")));
    return box;
  }

  function markerFor(location) {
    var label, title, popup;
    if (location.workshops) {
      label = location.workshops.map(function (w) { return w.number; }).join(",");
      title = location.workshops.map(function (w) { return w.number + ". " + w.title; }).join("; ");
      popup = workshopsPopup(location);
    } else if (location.count !== undefined) {
      label = String(location.count);
      title = location.label + ": " + location.count + (location.count === 1 ? " workshop" : " workshops");
      popup = countPopup(location);
    } else {
      label = "";
      title = location.label;
      popup = el("div", "map-popup", location.label);
    }
    var icon = L.divIcon({
      className: "map-marker" + (label ? "" : " map-marker-dot"),
      html: "",
      iconSize: null
    });
    var marker = L.marker([location.lat, location.lng], { icon: icon, title: title, alt: title, keyboard: true });
    marker.bindPopup(popup);
    marker.on("add", function () {
      var node = marker.getElement();
      if (node && label && !node.firstChild) node.appendChild(el("span", "map-marker-label", label));
    });
    return marker;
  }

  function draw() {
    var wrap = document.querySelector("[data-map]");
    var node = document.getElementById("finder-map");
    var dataNode = document.getElementById("map-data");
    if (!wrap || !node || !dataNode || !("leaflet" in node.dataset)) return;
    var data = JSON.parse(dataNode.textContent);
    if (!data.locations || (!data.locations.length && !data.center)) return;

    wrap.hidden = false;
    // Drawn when it comes near the screen: on a phone the map is below the list, and its
    // tiles and markers then cost the first view nothing.
    whenNear(node, function () {
      loadLeaflet(node.dataset.leaflet, function () { drawMap(node, data); }, function () {
        wrap.hidden = true;  // no map without Leaflet: the list is complete on its own
      });
    });
  }

  // Leaflet (a large script) is fetched only when a map is about to be shown.
  function loadLeaflet(src, done, failed) {
    if (typeof L !== "undefined") { done(); return; }
    var script = document.createElement("script");
    script.src = src;
    script.onload = done;
    script.onerror = failed;
    document.head.appendChild(script);
  }

  function whenNear(node, callback) {
    if (!("IntersectionObserver" in window)) { callback(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        callback();
      }
    }, { rootMargin: "200px 0px" });
    observer.observe(node);
  }

  function drawMap(node, data) {
    var map = L.map(node, { scrollWheelZoom: false });
    var tiles = node.dataset.tileUrl;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, attribution: node.dataset.attribution || "" }).addTo(map);
    }

    var bounds = [];
    if (data.center) {
      L.circle(data.center, {
        radius: data.radius_miles * 1609.344,
        color: "#1d5e99", weight: 1, fillOpacity: 0.05, interactive: false
      }).addTo(map);
      L.circleMarker(data.center, { radius: 6, color: "#123a5c", fillColor: "#f2b632", fillOpacity: 1 })
        .bindTooltip(data.place)
        .addTo(map);
      bounds.push(data.center);
    }
    data.locations.forEach(function (location) {
      markerFor(location).addTo(map);
      bounds.push([location.lat, location.lng]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], data.zoom || 10);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
