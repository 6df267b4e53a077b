// Projects page: while a rule is typed, show the time it would claim in the last 30 days.
// The page works without it; the figures come from /projects/preview (the signed-in user's).
(function () {
  "use strict";
  var WAIT_MS = 300; // typing pauses this long before a preview is asked for

  function element(tag, text) {
    var made = document.createElement(tag);
    if (text !== undefined) { made.textContent = text; }
    return made;
  }

  function list(title, rows, describe) {
    var block = document.createDocumentFragment();
    if (!rows.length) { return block; }
    block.appendChild(element("strong", title));
    var items = element("ul");
    rows.forEach(function (row) { items.appendChild(element("li", describe(row))); });
    block.appendChild(items);
    return block;
  }

  function show(output, answer) {
    output.replaceChildren();
    if (answer.error) {
      output.appendChild(element("span", answer.error));
      output.dataset.state = "error";
      return;
    }
    var total = answer.seconds ? answer.total : "no time";
    output.appendChild(element("p", "This rule matches " + total + " from " + answer.begin + " to " + answer.end + "."));
    output.appendChild(element("p", "That is the rule on its own: time assigned by hand, and time an earlier project claims, stay theirs."));
    output.appendChild(list("Top activities", answer.activities, function (row) {
      return row.name + " · " + row.time;
    }));
    output.appendChild(list("Top documents", answer.documents, function (row) {
      return row.activity + " › " + (row.name || "(no details)") + " · " + row.time;
    }));
    output.dataset.state = "shown";
  }

  function watch(form) {
    var output = document.getElementById(form.dataset.preview);
    var kind = form.elements.namedItem("kind");
    var value = form.elements.namedItem("value");
    var timer = null;
    var asked = 0;

    function ask() {
      var mine = ++asked;
      if (!value.value.trim()) { output.hidden = true; return; }
      var query = new URLSearchParams({ kind: kind.value, value: value.value });
      output.hidden = false;
      output.dataset.state = "asking";
      fetch("/projects/preview?" + query.toString(), {
        credentials: "same-origin", redirect: "error", headers: { Accept: "application/json" }
      }).then(function (answer) { return answer.json(); })
        .then(function (answer) { if (mine === asked) { show(output, answer); } })
        .catch(function () {
          if (mine === asked) { show(output, { error: "The preview is not available now." }); }
        });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    }

    // The user's device names are offered only while the rule is a device rule.
    function suggest() {
      if (kind.value === "device") { value.setAttribute("list", "device-names"); }
      else { value.removeAttribute("list"); }
    }
    value.addEventListener("input", later);
    kind.addEventListener("change", function () { suggest(); later(); });
    suggest();
    if (value.value.trim()) { ask(); }
  }

  document.querySelectorAll("form[data-preview]").forEach(watch);
})();
