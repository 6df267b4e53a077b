"""Dayglass: a self-hosted automatic time tracker with a RescueTime-compatible API."""

__version__ = "0.1.0"
