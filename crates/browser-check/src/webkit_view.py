"""Shows a page in WebKitGTK: a GTK window holding a WebKit2 web view
(API 4.1) that loads the URL given as the first argument. Prints
WebKitGTK's version first. Runs until it is stopped."""

import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

print(
    "WebKitGTK %d.%d.%d"
    % (
        WebKit2.get_major_version(),
        WebKit2.get_minor_version(),
        WebKit2.get_micro_version(),
    ),
    flush=True,
)
window = Gtk.Window()
window.connect("destroy", Gtk.main_quit)
view = WebKit2.WebView()
window.add(view)
view.load_uri(sys.argv[1])
window.show_all()
Gtk.main()
