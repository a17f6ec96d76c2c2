"""The REST API and web server over the event store (``eventwire serve``; docs/api.md)."""

from eventwire.api.app import create_app
from eventwire.api.settings import ServerSettings, load_settings

__all__ = ["ServerSettings", "create_app", "load_settings"]
