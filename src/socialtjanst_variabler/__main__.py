"""``python -m socialtjanst_variabler``: the same as the ``socialtjanst-variabler`` command."""

import sys

from socialtjanst_variabler.cli import main

sys.exit(main())
