// Talking to the local Dayglass agent: shared by the background and the blocked page.
"use strict";

const dayglassApi = globalThis.browser ?? globalThis.chrome;

// POST body to the agent's path; the parsed answer, or null when the agent cannot be reached
// or the extension is not connected yet (no port and secret in its options).
async function postToAgent(path, body) {
  const { port, secret } = await dayglassApi.storage.local.get(["port", "secret"]);
  if (!port || !secret) return null;
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Dayglass-Secret": secret },
      body: JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
    });
    return response.status === 200 ? await response.json() : null;
  } catch (failure) {
    return null; // the agent is not running: the next change or heartbeat tries again
  }
}

// The extension page that tells why a site is blocked during a focus session.
function blockedPageUrl(url, block) {
  const query = new URLSearchParams({ url, ...block });
  return dayglassApi.runtime.getURL(`blocked.html?${query}`);
}
