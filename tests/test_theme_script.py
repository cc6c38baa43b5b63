"""The checker page leaves Material's script to early.js (``sitegen/theme_script.py``).

Checked on the built site: the checker page has no tag for Material's script, and early.js is told
the address of a file the build wrote; every other page keeps Material's tag as the theme writes it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.theme_script import defer_theme_script

THEME = '<script src="../assets/javascripts/bundle.0123abcd.min.js"></script>'
EARLY = '<script src="../assets/checker/early.js"></script>'


def test_the_theme_script_moves_from_its_tag_to_early_js() -> None:
    page = f"<head>{EARLY}</head><body><p>x</p>\n    {THEME}\n<script src=\"a11y.js\"></script></body>"
    out = defer_theme_script(page)
    assert '<script src="../assets/javascripts/bundle' not in out
    assert ('<script src="../assets/checker/early.js" '
            'data-theme="../assets/javascripts/bundle.0123abcd.min.js"></script>') in out
    assert out.endswith('<p>x</p>\n<script src="a11y.js"></script></body>')


@pytest.mark.parametrize("page", [f"<head>{EARLY}</head>", f"<head></head>{THEME}",
                                  f"<head>{EARLY}</head>{THEME}{THEME}"],
                         ids=["no-theme-tag", "no-early-tag", "two-theme-tags"])
def test_a_page_without_exactly_one_of_each_tag_is_refused(page: str) -> None:
    with pytest.raises(ValueError, match="one Material script and one early.js tag"):
        defer_theme_script(page)


def test_built_checker_page_hands_material_script_to_early_js(built_site: Path) -> None:
    page = (built_site / "periksa" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'<script src="[^"]*/bundle\.[0-9a-f]+\.min\.js"', page)
    theme = re.search(r'<script src="\.\./assets/checker/early\.js(?:\?v=[0-9a-f]{16})?" data-theme="([^"]+)"></script>', page)
    assert theme, "early.js is not told where Material's script is"
    assert (built_site / "periksa" / theme.group(1)).resolve().is_file()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>', home)) == 1
