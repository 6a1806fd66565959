"""Build cdsanalysis/report/content/fonts/ (the charts' typeface) from Debian's Noto Sans.

The chart PNGs are drawn by vl-convert, which picks a font from the machine's installed fonts: the same
report looked different on each machine (issue 19, obs. 11). The package ships its own font instead, and
the charts name it. Source: Noto Sans 2.004, Regular and Bold, from Debian's ``fonts-noto-core``
(``/usr/share/fonts/truetype/noto/NotoSans-{Regular,Bold}.ttf``), SIL Open Font License 1.1, no Reserved
Font Name. Kept: Latin with every Vietnamese letter and tone mark, punctuation, arrows and the few symbols
the charts print (≥, ≤, ×, ₫); the layout features (kerning, mark positioning) stay. Renamed "CDS Chart
Sans" (the OFL lets a modified version take a new name), so that a different "Noto Sans" installed on a
machine can never stand in for it. Deterministic: same input files, same output bytes.

Needs fontTools (``pip install fonttools``; not a dependency of the package). Run:
``python scripts/make_chart_font.py [SOURCE_FOLDER]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/noto")
OUT = Path(__file__).resolve().parents[1] / "cdsanalysis" / "report" / "content" / "fonts"
FAMILY = "CDS Chart Sans"
STYLES = {"Regular": "NotoSans-Regular.ttf", "Bold": "NotoSans-Bold.ttf"}
UNICODES = [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00),
            *range(0x2000, 0x2070), *range(0x20A0, 0x20C0), *range(0x2190, 0x2200), 0x2212, 0x2264, 0x2265,
            0x2248, 0x2260, 0x2026]


def build(source: Path, style: str, name: str) -> Path:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # smaller; the charts are rasterised at two scales without hints anyway
    font = TTFont(source / name, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    postscript = f"{FAMILY.replace(' ', '')}-{style}"
    names = {1: FAMILY, 2: style, 3: f"{postscript};subset of Noto Sans 2.004", 4: f"{FAMILY} {style}",
             6: postscript, 16: FAMILY, 17: style}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names or record.nameID in (16, 17, 21, 22):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    font["head"].created = font["head"].modified = 0x0  # no build time in the file: same bytes every run
    out = OUT / f"{postscript}.ttf"
    font.save(out, reorderTables=True)
    return out


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    OUT.mkdir(parents=True, exist_ok=True)
    for style, name in STYLES.items():
        out = build(source, style, name)
        print(f"{out.relative_to(OUT.parents[3])}: {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
