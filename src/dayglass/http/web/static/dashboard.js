// The dashboard's donut and timeline: drawn on top of pages that work without them.
(function () {
  "use strict";

  // The donut: slices coloured like their legend swatches; a click follows the legend's link.
  var source = document.getElementById("donut-data");
  var canvas = document.getElementById("donut");
  if (source && canvas && window.Chart) {
    var data = JSON.parse(source.textContent);
    var entries = Array.prototype.slice.call(document.querySelectorAll("[data-slice]"));
    var colours = entries.map(function (entry) {
      return getComputedStyle(entry.parentNode.querySelector(".swatch")).backgroundColor;
    });
    var chart = new Chart(canvas, {
      type: "doughnut",
      data: { labels: data.labels, datasets: [{ data: data.seconds, backgroundColor: colours, borderWidth: 1 }] },
      options: {
        animation: false, maintainAspectRatio: false, cutout: "55%",
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (item) {
            var s = item.raw, h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
            return " " + item.label + ": " + (h ? h + "h " + m + "m" : m + "m " + (s % 60) + "s");
          } } }
        },
        onClick: function (_, elements) {
          var link = elements.length && entries[elements[0].index];
          if (link && link.href) { window.location.assign(link.href); }
        },
        onHover: function (event, elements) {
          var link = elements.length && entries[elements[0].index];
          event.native.target.style.cursor = link && link.href ? "pointer" : "default";
        }
      }
    });
    canvas.dataset.drawn = chart.data.datasets[0].data.length ? "yes" : "no";
  }

  var timeline = document.querySelector(".tl");
  if (!timeline) { return; }
  var tip = document.getElementById("tl-tip");

  // Hover or focus shows a span's details next to it.
  var show = function (target) {
    var box = target.getBoundingClientRect(), frame = timeline.getBoundingClientRect();
    tip.textContent = target.dataset.tip;
    tip.hidden = false;
    var left = Math.min(Math.max(box.left - frame.left, 0), Math.max(frame.width - tip.offsetWidth, 0));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom - frame.top + 4) + "px";
  };
  var hide = function () { tip.hidden = true; };
  // A span's <title> (its name without this script) becomes its label, so that the
  // browser's own tooltip does not cover this one.
  timeline.querySelectorAll(".tl-span > title").forEach(function (title) {
    title.parentNode.setAttribute("aria-label", title.textContent);
    title.parentNode.dataset.tip = title.textContent;
    title.remove();
  });
  var marked = timeline.querySelectorAll("[data-tip]");
  marked.forEach(function (target) {
    target.addEventListener("mouseenter", function () { show(target); });
    target.addEventListener("focus", function () { show(target); });
    target.addEventListener("mouseleave", hide);
    target.addEventListener("blur", hide);
  });

  // One tab stop per row: the arrow keys move between its spans.
  timeline.querySelectorAll(".tl-track").forEach(function (track) {
    var spans = Array.prototype.slice.call(track.querySelectorAll(".tl-span"));
    spans.forEach(function (span, i) {
      span.setAttribute("tabindex", i === 0 ? "0" : "-1");
      span.addEventListener("keydown", function (event) {
        var step = { ArrowRight: 1, ArrowLeft: -1, Home: -spans.length, End: spans.length }[event.key];
        if (!step) { return; }
        event.preventDefault();
        var next = spans[Math.min(Math.max(i + step, 0), spans.length - 1)];
        span.setAttribute("tabindex", "-1");
        next.setAttribute("tabindex", "0");
        next.focus();
      });
    });
  });

  // Picking a gap fills the form to log it, without leaving the page.
  var form = document.getElementById("reclaim");
  if (!form) { return; }
  var from = document.getElementById("away-start"), to = document.getElementById("away-end");
  var dragged = false;
  var pick = function (start, end) {
    from.value = start;
    to.value = end;
    form.scrollIntoView({ block: "nearest" });
  };
  timeline.querySelectorAll(".tl-gap-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      if (dragged) { dragged = false; return; } // the drag already chose part of this gap
      timeline.querySelectorAll(".tl-gap-link.picked").forEach(function (other) { other.classList.remove("picked"); });
      link.classList.add("picked");
      pick(link.dataset.start, link.dataset.end);
      var first = form.querySelector(".quick button");
      if (first) { first.focus(); }
    });
  });

  // Dragging along the Away row selects part of a gap.
  var away = timeline.querySelector(".tl-away .tl-track");
  var secondAt = function (event) {
    var box = away.getBoundingClientRect(), view = away.viewBox.baseVal;
    var ratio = Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1);
    return Math.round(view.x + ratio * view.width);
  };
  var text = function (second) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(Math.floor(second / 3600)) + ":" + pad(Math.floor(second / 60) % 60) + ":" + pad(second % 60);
  };
  var seconds = function (clock) {
    var p = clock.split(":").map(Number);
    return p[0] * 3600 + p[1] * 60 + (p[2] || 0);
  };
  var anchor = null;
  away.addEventListener("pointerdown", function (event) { anchor = secondAt(event); });
  away.addEventListener("pointerup", function (event) {
    if (anchor === null) { return; }
    var here = secondAt(event), low = Math.min(anchor, here), high = Math.max(anchor, here);
    anchor = null;
    if (high - low < 60) { return; } // a click, not a drag: the gap's link handles it
    dragged = true;
    // Keep the selection inside the gap it started in, so no counted time is claimed.
    timeline.querySelectorAll(".tl-gap-link").forEach(function (link) {
      var start = seconds(link.dataset.start), end = seconds(link.dataset.end);
      if (low < end && high > start) { pick(text(Math.max(low, start)), text(Math.min(high, end))); }
    });
  });
})();
