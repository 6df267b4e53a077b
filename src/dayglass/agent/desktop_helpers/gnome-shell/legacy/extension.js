// Dayglass (GNOME Shell 40-44): exports the focused window on the session bus for the agent.
// GNOME Shell lets no other program ask which window has the focus on Wayland, so the agent
// calls org.dayglass.Shell1.FocusedWindow here once a poll.
/* exported init */
const { Gio } = imports.gi;
const Shell = imports.gi.Shell;

const NAME = "org.dayglass.Shell";
const PATH = "/org/dayglass/Shell";
const INTERFACE = `<node>
  <interface name="org.dayglass.Shell1">
    <method name="FocusedWindow">
      <arg type="s" direction="out" name="wm_class"/>
      <arg type="s" direction="out" name="app_id"/>
      <arg type="s" direction="out" name="title"/>
    </method>
  </interface>
</node>`;

class DayglassExtension {
    enable() {
        this._exported = Gio.DBusExportedObject.wrapJSObject(INTERFACE, this);
        this._exported.export(Gio.DBus.session, PATH);
        this._owner = Gio.bus_own_name_on_connection(
            Gio.DBus.session, NAME, Gio.BusNameOwnerFlags.NONE, null, null);
    }

    disable() {
        Gio.bus_unown_name(this._owner);
        this._exported.unexport();
        this._exported = null;
    }

    FocusedWindow() {
        const window = global.display.focus_window;
        if (!window) {
            return ["", "", ""];
        }
        const app = Shell.WindowTracker.get_default().get_window_app(window);
        return [window.get_wm_class() || "", app ? app.get_id() || "" : "", window.get_title() || ""];
    }
}

function init() {
    return new DayglassExtension();
}
