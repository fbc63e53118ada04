"""Sphinx configuration for socialtjanst_variabler."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import socialtjanst_variabler

project = "socialtjanst-variabler"
author = "socialtjanst_variabler developers"
copyright = "2026, socialtjanst_variabler developers"
release = socialtjanst_variabler.__version__
version = release
language = "sv"
# Swedish for the chrome that Sphinx and furo leave in English (docs/locale/sv/...).
locale_dirs = ["locale"]

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "spec_tables",
    "statistik_docs",
    "svensk_ram",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"socialtjanst-variabler {release}"
# Without "Sphinx and @pradyunsg's" in the footer, which no catalog translates.
html_show_sphinx = False
html_static_path = ["_static"]
html_css_files = ["spec.css"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = True
nitpick_ignore_regex = [
    # attrs/typing internals and Sphinx's view of IntEnum bases.
    ("py:class", r"(attr|attrs|enum|typing|datetime|collections\.abc)\..*"),
    ("py:class", r"Self|NoReturn|date|TextIO"),
    # The standard library's os and pathlib: no inventory offline (see intersphinx below).
    ("py:class", r"(os|pathlib)\..*"),
    # hypothesis is an optional extra without an inventory here; V is a TypeVar.
    ("py:class", r"hypothesis\..*|socialtjanst_variabler\.strategies\.[VT]"),
    # Paths are str or os.PathLike, as in the standard library.
    ("py:class", r"os\.PathLike"),
]

# Offline (CI, a sandbox) the inventories cannot be fetched, and -n -W would fail:
# cross-links to the Python docs only when SPHINX_ONLINE=1.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
if os.environ.get("SPHINX_ONLINE") == "1":
    intersphinx_mapping = {"python": ("https://docs.python.org/3", None)}
