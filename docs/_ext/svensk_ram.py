"""Swedish chrome on every page: what neither Sphinx's catalog nor our own translates.

Most of the chrome is translated by gettext: Sphinx's Swedish catalog, with our
corrections and furo's strings in ``docs/locale/sv/LC_MESSAGES/sphinx.po``. Two kinds of
text escape it, and are handled here:

- the field name ``type`` that napoleon writes for an attribute (docutils shows it as
  "Type", outside every catalog): renamed "Typ" in each doctree;
- the few strings furo writes into its templates without gettext (a skip link, the
  toggles' labels, the icons' titles): replaced in each HTML page when the build ends.
  A replacement that matched no page is a warning (an error with ``-W``), so that a furo
  version whose strings differ is noticed rather than left half English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: furo's untranslatable English, and its Swedish.
FURO: dict[str, str] = {
    "Skip to content": "Till innehållet",
    'aria-label="Toggle site navigation sidebar"': 'aria-label="Visa eller dölj navigeringen"',
    'aria-label="Toggle table of contents sidebar"': (
        'aria-label="Visa eller dölj innehållsförteckningen"'
    ),
    'aria-label="Toggle Light / Dark / Auto color theme"': (
        'aria-label="Byt mellan ljust, mörkt och automatiskt tema"'
    ),
    "<title>Contents</title>": "<title>Innehåll</title>",
    "<title>Menu</title>": "<title>Meny</title>",
    "<title>Expand</title>": "<title>Fäll ut</title>",
    "<title>Light mode</title>": "<title>Ljust tema</title>",
    "<title>Dark mode</title>": "<title>Mörkt tema</title>",
    "<title>Auto light/dark, in light mode</title>": "<title>Automatiskt tema, nu ljust</title>",
    "<title>Auto light/dark, in dark mode</title>": "<title>Automatiskt tema, nu mörkt</title>",
}


def _typ(_: Sphinx, doctree: nodes.document, __: str) -> None:
    for name in doctree.findall(nodes.field_name):
        if name.astext() in ("type", "Type"):
            name.children = [nodes.Text("Typ")]


def _ersatt(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    anvanda: set[str] = set()
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        ny = text
        for engelska, svenska in FURO.items():
            if engelska in ny:
                anvanda.add(engelska)
                ny = ny.replace(engelska, svenska)
        if ny != text:
            page.write_text(ny, encoding="utf-8")
    for engelska in FURO.keys() - anvanda:
        logger.warning("svensk_ram: furo no longer writes %r; update FURO", engelska)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _typ)
    app.connect("build-finished", _ersatt)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
