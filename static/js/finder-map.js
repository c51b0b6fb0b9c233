/* The finder's maps (Leaflet), also on the workshop, state and staff demand pages. Drawn from
   the JSON block #map-data. The map element's data attributes name the scripts (Leaflet, its
   marker clusters, topojson-client), the states' outlines (us-atlas, shipped with the site) and
   the tile server, which is optional: the outlines are drawn first, under the tiles, so the map
   shows where the workshops are even when no tile loads. The list on the page never depends on
   this map: without JavaScript (or Leaflet) the map stays hidden and the page is complete.

   Keyboard: the map is one tab stop (arrow keys pan, + and - zoom); its pins are not tab stops
   (the list beside it holds the same workshops), and a skip link passes it. Each pin is an
   image named for what it stands for ("2 workshops in Newark, NJ"). */
(function () {
  "use strict";

  var REGIONS = {
    lower48: [[24.4, -125.0], [49.4, -66.9]],
    AK: [[51.2, -179.5], [71.4, -129.9]],
    HI: [[18.9, -160.3], [22.3, -154.8]],
    PR: [[17.9, -67.3], [18.5, -65.2]]
  };

  var OUTLINES_ZOOM = 7;

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

  function namePopup(location) {
    var box = el("div", "map-popup");
    box.appendChild(location.url ? link(location.url, location.name) : el("div", "", location.name));
    return box;
  }

  // A pin drawn as a label (or a dot), with role="img" and its name: never a button named "1,2".
  function pinIcon(className, name, label) {
    var Icon = L.DivIcon.extend({
      createIcon: function (old) {
        var node = L.DivIcon.prototype.createIcon.call(this, old);
        node.setAttribute("role", "img");
        node.setAttribute("aria-label", name);
        node.title = name;
        if (label) {
          var text = el("span", "map-marker-label", label);
          text.setAttribute("aria-hidden", "true");
          node.appendChild(text);
        }
        return node;
      }
    });
    return new Icon({ className: className, html: "", iconSize: null });
  }

  function markerFor(location) {
    var label, popup, count;
    if (location.workshops) {
      label = location.workshops.map(function (w) { return w.number; }).join(",");
      count = location.workshops.length;
      popup = workshopsPopup(location);
    } else {
      label = location.count !== undefined ? String(location.count) : "";
      count = location.count || 1;
      popup = namePopup(location);
    }
    var className = "map-marker" + (label ? "" : " map-marker-dot") + (location.unserved ? " map-marker-alert" : "");
    var marker = L.marker([location.lat, location.lng], {
      icon: pinIcon(className, location.name, label),
      keyboard: false,  // not a tab stop: the map as a whole is one
      count: count,
      alert: Boolean(location.unserved)
    });
    marker.bindPopup(popup);
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
    // scripts, outlines and tiles then cost the first view nothing.
    whenNear(node, function () {
      loadScript(node.dataset.leaflet, function () {
        var waiting = 2;
        function ready() { if (--waiting === 0) drawMap(wrap, node, data); }
        loadScript(node.dataset.cluster, ready, ready);  // without clusters: every pin drawn
        loadScript(node.dataset.topojson, ready, ready);  // without it: no outlines
      }, function () {
        wrap.hidden = true;  // no map without Leaflet: the list is complete on its own
      });
    });
  }

  // The scripts (Leaflet is large) are fetched only when a map is about to be shown.
  function loadScript(src, done, failed) {
    var present = document.querySelector('script[src="' + src + '"]');
    if (present && present.dataset.loaded) { done(); return; }
    var script = present || document.createElement("script");
    script.addEventListener("load", function () { script.dataset.loaded = "1"; done(); });
    script.addEventListener("error", failed);
    if (!present) {
      script.src = src;
      document.head.appendChild(script);
    }
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

  // The states' outlines, under the tiles (which cover them once they load).
  function drawOutlines(map, url) {
    if (typeof topojson === "undefined" || !url) return;
    map.createPane("outlines").style.zIndex = 150;  // below the tiles (200)
    fetch(url).then(function (response) {
      if (!response.ok) throw new Error("outlines: HTTP " + response.status);
      return response.json();
    }).then(function (us) {
      L.geoJSON(topojson.feature(us, us.objects.states), {
        pane: "outlines",
        interactive: false,
        style: { color: "#8796a5", weight: 1, fillColor: "#fbfaf6", fillOpacity: 1 }
      }).addTo(map);
      hideDrawings(map.getContainer());
    }).catch(function () { /* the tiles, if any, still show the land */ });
  }

  function clusterGroup(data) {
    if (typeof L.markerClusterGroup !== "function") return null;
    if (!L.MarkerCluster.prototype.pdQuiet) {
      // A cluster is drawn as a marker that Leaflet makes a tab stop with role="button"; like
      // every pin here, it is an image with its name instead (the map is one tab stop).
      L.MarkerCluster.include({
        pdQuiet: true,
        _initIcon: function () {
          L.Marker.prototype._initIcon.call(this);
          this._icon.removeAttribute("tabindex");
          this._icon.setAttribute("role", "img");
        }
      });
    }
    return L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      // A cluster counts workshops, not pins.
      iconCreateFunction: function (cluster) {
        var children = cluster.getAllChildMarkers();
        var total = children.reduce(function (sum, marker) {
          return sum + (marker.options.count || 1);
        }, 0);
        var alert = children.some(function (marker) { return marker.options.alert; });
        var name = (data.cluster_name || "{count}").replace("{count}", total);
        return pinIcon("map-marker map-cluster" + (alert ? " map-marker-alert" : ""), name, String(total));
      }
    });
  }

  // One tab stop for the whole map: its zoom buttons and credits are reached by mouse, the
  // map itself takes + and - from the keyboard.
  function quietControls(node) {
    node.querySelectorAll(".leaflet-control a").forEach(function (a) {
      a.setAttribute("tabindex", "-1");
    });
  }

  // The outlines and the search's circle are drawing, not content: hidden from screen readers.
  function hideDrawings(node) {
    node.querySelectorAll(".leaflet-pane svg").forEach(function (svg) {
      svg.setAttribute("aria-hidden", "true");
    });
  }

  function showRegions(wrap, map) {
    var regions = wrap.querySelector("[data-map-regions]");
    if (!regions) return;
    regions.hidden = false;
    regions.addEventListener("click", function (event) {
      var button = event.target.closest("[data-region]");
      if (button) map.fitBounds(REGIONS[button.dataset.region]);
    });
  }

  function drawMap(wrap, node, data) {
    // The zoom buttons' names come from the page, in its language (Leaflet's own are English).
    var map = L.map(node, { scrollWheelZoom: false, zoomControl: !node.dataset.zoomIn });
    if (node.dataset.zoomIn) {
      L.control.zoom({ zoomInTitle: node.dataset.zoomIn, zoomOutTitle: node.dataset.zoomOut }).addTo(map);
    }
    map.attributionControl.setPrefix(false);
    drawOutlines(map, node.dataset.outlines);
    var tiles = node.dataset.tileUrl;
    var tileLayer = null;
    if (tiles) {
      tileLayer = L.tileLayer(tiles, { maxZoom: 18, attribution: node.dataset.attribution || "" }).addTo(map);
    }

    var bounds = [];
    if (data.center) {
      L.circle(data.center, {
        radius: data.radius_miles * 1609.344,
        color: "#1d5e99", weight: 1, fillOpacity: 0.05, interactive: false
      }).addTo(map);
      L.circleMarker(data.center, { radius: 6, color: "#123a5c", fillColor: "#f2b632", fillOpacity: 1, interactive: false })
        .addTo(map);
      bounds.push(data.center);
    }
    // Pins that count (the browse and demand maps) are clustered; numbered pins, which match
    // the list beside the map, are not: a cluster's count would read as a list number.
    var counting = data.locations.length > 1 && !data.locations[0].workshops;
    var group = counting ? clusterGroup(data) : null;
    data.locations.forEach(function (location) {
      var marker = markerFor(location);
      if (group) group.addLayer(marker); else marker.addTo(map);
      bounds.push([location.lat, location.lng]);
    });
    if (group) map.addLayer(group);
    if (data.view === "us") {
      map.fitBounds(REGIONS.lower48);  // Alaska, Hawaii and Puerto Rico: the buttons below
      showRegions(wrap, map);
    } else if (bounds.length === 1) {
      map.setView(bounds[0], data.zoom || 10);
      // Street level shows nothing of the outlines: without tiles, show the state around it.
      if (!tileLayer) {
        map.setZoom(OUTLINES_ZOOM);
      } else {
        tileLayer.once("tileerror", function () { map.setZoom(Math.min(map.getZoom(), OUTLINES_ZOOM)); });
      }
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    }
    quietControls(node);
    hideDrawings(node);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
