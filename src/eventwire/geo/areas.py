"""Places that exist only as a relation between gazetteer places: borders and parts of countries.

"The Afghanistan–Tajikistan border" or "northern Afghanistan" have no GeoNames row, but their
location follows from the Natural Earth polygons: the middle of the shared boundary, or the
centroid of the matching third of the country. Results are cached per pair or per part.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eventwire.geo.gazetteer import Gazetteer

# Directional adjectives and the slice of a country's bounding box each one names.
DIRECTIONS: dict[str, tuple[float, float, float, float]] = {
    # (x0, x1, y0, y1) as fractions of the bounding box, x west->east, y south->north
    "northern": (0.0, 1.0, 0.6, 1.0), "southern": (0.0, 1.0, 0.0, 0.4),
    "eastern": (0.6, 1.0, 0.0, 1.0), "western": (0.0, 0.4, 0.0, 1.0),
    "central": (0.3, 0.7, 0.3, 0.7),
    "northeastern": (0.5, 1.0, 0.5, 1.0), "northwestern": (0.0, 0.5, 0.5, 1.0),
    "southeastern": (0.5, 1.0, 0.0, 0.5), "southwestern": (0.0, 0.5, 0.0, 0.5),
}
DIRECTIONS["north-eastern"] = DIRECTIONS["northeastern"]
DIRECTIONS["north-western"] = DIRECTIONS["northwestern"]
DIRECTIONS["south-eastern"] = DIRECTIONS["southeastern"]
DIRECTIONS["south-western"] = DIRECTIONS["southwestern"]


def _mainland(g: Any) -> Any:
    """The largest polygon of a country: islands and exclaves would drag a part's centroid."""
    geoms = getattr(g, "geoms", None)
    return max(geoms, key=lambda p: p.area) if geoms else g


class Areas:
    """Computes border and directional-part points from a gazetteer's country polygons."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.border = lru_cache(maxsize=4096)(self._border)
        self.part = lru_cache(maxsize=4096)(self._part)

    def _border(self, a: str, b: str) -> tuple[float, float] | None:
        """(lat, lon) of the middle of the boundary A and B share, or of the gap between them."""
        from shapely.ops import nearest_points

        ga, gb = self.gaz.shape(a), self.gaz.shape(b)
        if ga is None or gb is None or a == b:
            return None
        shared = ga.buffer(0.05).intersection(gb.buffer(0.05))
        if not shared.is_empty:
            p = shared.centroid
            if not shared.buffer(0.05).contains(p):
                p = shared.representative_point()
            return round(p.y, 4), round(p.x, 4)
        pa, pb = nearest_points(ga, gb)
        if pa.distance(pb) > 5.0:  # not neighbours: "the border between" them means nothing
            return None
        return round((pa.y + pb.y) / 2, 4), round((pa.x + pb.x) / 2, 4)

    def _part(self, cc: str, direction: str) -> tuple[float, float] | None:
        """(lat, lon) of the named part ("northern") of a country's mainland."""
        from shapely.geometry import box

        frac = DIRECTIONS.get(direction)
        g = self.gaz.shape(cc)
        if frac is None or g is None:
            return None
        main = _mainland(g)
        minx, miny, maxx, maxy = main.bounds
        w, h = maxx - minx, maxy - miny
        clip = main.intersection(box(minx + frac[0] * w, miny + frac[2] * h,
                                     minx + frac[1] * w, miny + frac[3] * h))
        if clip.is_empty:
            return None
        p = clip.centroid if clip.contains(clip.centroid) else clip.representative_point()
        return round(p.y, 4), round(p.x, 4)
