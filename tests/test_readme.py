"""The README's example runs, and each commented result is what it says."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_runs_and_its_comments_hold() -> None:
    text = README.read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    namespace: dict[str, Any] = {}
    checked = 0
    for line in block.splitlines():
        code, _, comment = line.partition("  # ")
        if not code.strip():
            continue
        exec(code, namespace)  # the README's own example, line by line
        comment = comment.strip()
        if isinstance(ast.parse(code).body[0], ast.Expr) and "..." not in comment:
            try:
                expected = ast.literal_eval(comment)
            except (ValueError, SyntaxError):
                continue  # prose, not a value
            assert eval(code, namespace) == expected, line
            checked += 1
    assert repr(namespace["p"]) == "Personnummer('19121212-****')"
    assert checked >= 3
