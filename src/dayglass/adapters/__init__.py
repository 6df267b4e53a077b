"""Adapters for the ports services declare, besides storage: talking to other servers."""
