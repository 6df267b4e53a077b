// Dayglass (GNOME Shell 45 and later): exports the focused window on the session bus for the
// agent, as the legacy/ version does for GNOME Shell 40-44 (the two module systems differ).
import Gio from "gi://Gio";
import Shell from "gi://Shell";
import { Extension } from "resource:///org/gnome/shell/extensions/extension.js";

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

export default class DayglassExtension extends Extension {
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
