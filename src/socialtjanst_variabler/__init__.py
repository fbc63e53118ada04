"""SKL:s generella variabler för uppföljning av socialtjänsten (SKL-2019)."""

from socialtjanst_variabler._version import __version__

__all__ = ["__version__"]
