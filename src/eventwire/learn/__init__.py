"""Learned components: training code and the small models the pipeline loads (docs/muc4.md)."""
