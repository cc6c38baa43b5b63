"""Site glue: turns the engine's catalogue into handbook pages and ships the engine to the browser.

Thin on purpose. ``hooks.py`` is the MkDocs hook; the rest are plain functions that the hook and
the tests call. Nothing here is imported by ``checker``.
"""
