// Dayglass embed: draws a published report's chart into every [data-dayglass-embed] element.
// Needs Chart.js on the page (the snippet loads the copy the server ships).
(function () {
  "use strict";
  var palette = ["#1f5fbf", "#d9822b", "#2e8b57", "#c0392b", "#7d5ba6", "#7d8591", "#4f8fe0",
                 "#b8860b", "#3a9d9d", "#a0522d"];
  document.querySelectorAll("[data-dayglass-embed]").forEach(function (box) {
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    box.appendChild(canvas);
    fetch(box.dataset.dayglassEmbed + "/chart.json").then(function (answer) {
      if (!answer.ok) { throw new Error("Dayglass embed: " + answer.status); }
      return answer.json();
    }).then(function (data) {
      canvas.setAttribute("aria-label", data.title);
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.series.map(function (s, i) {
            return { label: s.name, data: s.minutes, backgroundColor: palette[i % palette.length] };
          })
        },
        options: { animation: false, plugins: { title: { display: true, text: data.title } },
                   scales: { x: { stacked: true }, y: { stacked: true,
                             title: { display: true, text: "minutes" } } } }
      });
      box.dataset.drawn = "yes";
    }).catch(function (error) { box.textContent = String(error.message); box.dataset.drawn = "no"; });
  });
})();
