"""The built site loads under a sub-path, behind the strict CSP, with no outside request."""

from __future__ import annotations


def test_home_page_loads_under_sub_path_with_csp(page, server):
    response = page.goto(server.base)
    assert response.status == 200
    assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()} or \
        "content-security-policy" in response.headers
    assert page.locator("h1").first.inner_text().strip()
    assert not page.errors
