// Dayglass: tells the Dayglass agent which window is active, and its caption as it changes.
// The agent loads this script into KWin through KWin's Scripting D-Bus interface when it
// starts, and owns org.dayglass.Agent on the session bus to receive the reports.
// Works with KWin 5 (clientActivated, activeClient) and KWin 6 (windowActivated, activeWindow).
const AGENT = ["org.dayglass.Agent", "/org/dayglass/Agent", "org.dayglass.Agent1"];
let current = null;

function report() {
    const app = current ? String(current.resourceClass || "") : "";
    const title = current ? String(current.caption || "") : "";
    callDBus(AGENT[0], AGENT[1], AGENT[2], "WindowActivated", app, title);
}

function activated(window) {
    if (current) {
        current.captionChanged.disconnect(report);
    }
    current = window || null;
    if (current) {
        current.captionChanged.connect(report);
    }
    report();
}

(workspace.windowActivated || workspace.clientActivated).connect(activated);
activated(workspace.activeWindow !== undefined ? workspace.activeWindow : workspace.activeClient);
