"""eventwire: evidence-linked political violence and terrorism events from news, offline."""

__version__ = "0.1.0"
