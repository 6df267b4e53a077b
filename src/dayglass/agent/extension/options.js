// The options page: keep the agent's port and secret in the extension's local storage.
"use strict";

const store = (globalThis.browser ?? globalThis.chrome).storage.local;
const form = document.getElementById("connect");

store.get(["port", "secret"]).then(({ port, secret }) => {
  if (port) form.port.value = port;
  if (secret) form.secret.value = secret;
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  await store.set({ port: Number(form.port.value), secret: form.secret.value.trim() });
  document.getElementById("saved").textContent = "Saved: the extension reports to the agent now.";
});
