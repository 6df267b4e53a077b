// The blocked page: which session blocks the site and until when; allow the site, or wait.
"use strict";

const params = new URLSearchParams(location.search);
const target = params.get("url");
const site = params.get("site");
const clock = (stamp) =>
  new Date(stamp).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

document.getElementById("reason").textContent =
  `${site} is rated distracting, and the focus session started at ` +
  `${clock(params.get("started_at"))} blocks it until ${clock(params.get("ends_at"))}.`;
const allow = document.getElementById("allow");
allow.textContent = `Allow ${site} for this session`;
allow.addEventListener("click", async () => {
  await postToAgent("/browser/allow", { focused: true, url: target });
  location.replace(target);
});

// The session may end (or be ended) at any moment: then the page comes back.
setInterval(async () => {
  const answer = await postToAgent("/browser/check", { focused: true, url: target });
  if (answer && !answer.block) location.replace(target);
}, 2000);
