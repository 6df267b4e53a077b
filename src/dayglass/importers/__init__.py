"""Importers: a person's history from RescueTime (or any server speaking its API) and ActivityWatch.

They sit outside the server's layers: they read a source through `dayglass.client` or a file and
store what they read through the services, so an import counts exactly like an agent's upload.
"""
