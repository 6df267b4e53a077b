// Dayglass pages: small progressive enhancements; every page works without them.
(function () {
  "use strict";
  var style = getComputedStyle(document.documentElement);
  var colour = function (level) {
    var name = { "2": "--l2", "1": "--l1", "0": "--l0", "-1": "--lm1", "-2": "--lm2" }[String(level)];
    return style.getPropertyValue(name).trim();
  };
  var names = { "2": "Very productive", "1": "Productive", "0": "Neutral", "-1": "Distracting", "-2": "Very distracting" };

  var source = document.getElementById("timeline-data");
  var canvas = document.getElementById("timeline");
  if (source && canvas && window.Chart) {
    var data = JSON.parse(source.textContent);
    var datasets = data.series.slice().reverse().map(function (s) {
      return { label: names[String(s.level)], data: s.minutes, backgroundColor: colour(s.level) };
    });
    if (data.usual && data.usual.length) {
      // The usual minutes of each day (weeks and months): a line over the stacked bars.
      datasets.unshift({ type: "line", label: "Usual", data: data.usual, stack: "usual",
        borderColor: style.getPropertyValue("--fg").trim(), borderDash: [4, 3], pointRadius: 2 });
    }
    var chart = new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: "minutes" } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
    canvas.dataset.drawn = chart.data.datasets.length ? "yes" : "no";
  }

  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = document.querySelector(button.dataset.copy).textContent;
      navigator.clipboard.writeText(text).then(function () { button.textContent = "Copied"; });
    });
  });
})();
