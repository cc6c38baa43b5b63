"""Not one request leaves the local origin, on any page of the site (the checker page with its
engine running included), and no page has a script error under the strict CSP."""

from __future__ import annotations

from typing import Any

import pytest
from checker_support import ENGINE_TIMEOUT

pytestmark = pytest.mark.browser


def test_no_request_leaves_the_origin_on_any_page(context: Any, server: Any) -> None:
    pages = sorted(p.relative_to(server.site).parent.as_posix() for p in server.site.rglob("index.html"))
    assert "periksa" in pages and len(pages) > 10
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for path in pages:
        url = server.base + ("" if path == "." else f"{path}/")
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        if path == "periksa":
            page.wait_for_selector("#ck-engine[data-state=ready]", timeout=ENGINE_TIMEOUT)
        assert not errors, f"{url}: {errors}"
    page.goto(server.base + "404.html")
    # The context fixture fails the test if any request was aborted by the origin guard.
    assert not context.guard.blocked, context.guard.blocked
