"""On the checker page, Material's own script is loaded by early.js, late.

Run while the page is parsed, Material's script (about 0.13 s of the main thread, about 50 ms of it
forced style recalculations over the long form) delays the engine on a machine with two processor
cores: over alternating visits the engine was ready about 75 ms (repeat visits) and 80 ms (first
visits) sooner with the script held back. So the build takes its ``<script>`` tag out of the
checker page and gives its address to early.js (``data-theme``), which loads it when the engine is
ready or has failed, when the reader reaches for the header, a sidebar or the footer, or after 5 s.
The offline cache waits for it, so that the files it asks for are kept (engine.mjs, afterTheme).
Other pages keep it as Material writes it.
"""

from __future__ import annotations

import re

__all__ = ["defer_theme_script"]

THEME_TAG = re.compile(r'[ \t]*<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>\n?')
"""Material's script tag, as its base.html writes it (the name carries the theme's hash)."""

EARLY_TAG = re.compile(r'<script src="([^"]*assets/checker/early\.js)"></script>')
"""early.js's tag in the checker page's head (templates/theme/main.html)."""


def defer_theme_script(html: str) -> str:
    """The page without Material's script tag, its address on early.js's tag as ``data-theme``."""
    themes = THEME_TAG.findall(html)
    earlies = EARLY_TAG.findall(html)
    if len(themes) != 1 or len(earlies) != 1:
        raise ValueError(f"the checker page should have one Material script and one early.js tag, "
                         f"found {len(themes)} and {len(earlies)}")
    html = THEME_TAG.sub("", html)
    return EARLY_TAG.sub(lambda m: f'<script src="{m.group(1)}" data-theme="{themes[0]}"></script>', html)
