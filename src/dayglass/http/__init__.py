"""The ASGI application: native API, RescueTime compatibility layer, web app."""
