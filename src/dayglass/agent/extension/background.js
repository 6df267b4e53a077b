// Dayglass: report the active tab of the focused browser window to the local Dayglass agent,
// and turn away the sites a running FocusTime session blocks. Reports go to
// http://127.0.0.1:<port> only, with the secret that `dayglass agent browser` prints.
"use strict";

// Chromium runs this file as a service worker; Firefox loads agent.js before it (manifest).
if (typeof postToAgent === "undefined") importScripts("agent.js");

const api = globalThis.browser ?? globalThis.chrome;
const HEARTBEAT_MINUTES = 0.5; // the agent treats the extension as gone after two missed beats

// The active tab of the focused window, or null when no window this extension may see has
// the focus (another application, or a private window it is not allowed into).
async function activeTab() {
  const win = await api.windows.getLastFocused({ populate: true }).catch(() => null);
  if (!win || !win.focused) return null;
  return win.tabs.find((tab) => tab.active) ?? null;
}

async function sendReport() {
  const tab = await activeTab();
  const body = tab
    ? {
        focused: true,
        url: tab.url ?? "",
        title: tab.title ?? "",
        audible: Boolean(tab.audible),
        incognito: Boolean(tab.incognito),
      }
    : { focused: false };
  const answer = await postToAgent("/browser/tab", body);
  if (tab && answer && answer.block) {
    await api.tabs.update(tab.id, { url: blockedPageUrl(tab.url, answer.block) });
  }
}

// One report at a time, in the order asked, each reading the tab when its turn comes: two posts
// in flight could reach the agent swapped, and a page's first title (its address, while it
// loads) would then stand until the next change.
let reporting = Promise.resolve();
function report() {
  reporting = reporting.then(sendReport).catch(() => {});
  return reporting;
}

// During a focus session every tab that opens a blocked site is turned away, whether or not
// its window has the focus.
async function guard(tab) {
  if (!/^https?:/.test(tab.url ?? "")) return;
  const answer = await postToAgent("/browser/check", { focused: true, url: tab.url });
  if (answer && answer.block) {
    await api.tabs.update(tab.id, { url: blockedPageUrl(tab.url, answer.block) });
  }
}

api.tabs.onActivated.addListener(report);
api.windows.onFocusChanged.addListener(report);
api.tabs.onUpdated.addListener((tabId, change, tab) => {
  if ("url" in change) guard(tab);
  if (tab.active && ("url" in change || "title" in change || "audible" in change)) report();
});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === "heartbeat") report();
});
api.storage.onChanged.addListener(report);
api.alarms.create("heartbeat", { periodInMinutes: HEARTBEAT_MINUTES });
report();
