// Dayglass: report the active tab of the focused browser window to the local Dayglass agent.
// Reports go to http://127.0.0.1:<port>/browser/tab only, with the secret that
// `dayglass agent browser` prints; nothing else leaves the browser.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const HEARTBEAT_MINUTES = 0.5; // the agent treats the extension as gone after two missed beats
const NO_WINDOW = api.windows.WINDOW_ID_NONE;

async function settings() {
  const { port, secret } = await api.storage.local.get(["port", "secret"]);
  return port && secret ? { port, secret } : null;
}

// The active tab of the focused window, or null when no window this extension may see has
// the focus (another application, or a private window it is not allowed into).
async function activeTab() {
  const win = await api.windows.getLastFocused({ populate: true }).catch(() => null);
  if (!win || !win.focused) return null;
  return win.tabs.find((tab) => tab.active) ?? null;
}

async function report() {
  const target = await settings();
  if (!target) return;
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
  try {
    await fetch(`http://127.0.0.1:${target.port}/browser/tab`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Dayglass-Secret": target.secret },
      body: JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
    });
  } catch (failure) {
    // The agent is not running: the next change or heartbeat tries again.
  }
}

api.tabs.onActivated.addListener(report);
api.windows.onFocusChanged.addListener(report);
api.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (tab.active && ("url" in change || "title" in change || "audible" in change)) report();
});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === "heartbeat") report();
});
api.storage.onChanged.addListener(report);
api.alarms.create("heartbeat", { periodInMinutes: HEARTBEAT_MINUTES });
report();
