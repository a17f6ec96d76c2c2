"""Offline geoparsing: detect toponyms in news text and resolve them with document context."""

from eventwire.geo.build import GazetteerStats, build_gazetteer
from eventwire.geo.geoparser import Geoparser, default_gazetteer_path

__all__ = ["GazetteerStats", "Geoparser", "build_gazetteer", "default_gazetteer_path"]
