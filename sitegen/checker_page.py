"""The checker page (periksa/index.md): the form, generated from the arrangement model.

Placeholder until the in-browser checker lands.
"""

from __future__ import annotations

from .pages import Example
from .site import SiteData

__all__ = ["CHECKER_PAGE", "checker_page"]

CHECKER_PAGE = "periksa/index.md"


def checker_page(site: SiteData, examples: list[Example]) -> str:
    return """# Periksa pengaturan

Alat pemeriksa di halaman ini sedang disiapkan. Pemeriksaan yang sama dapat dijalankan dari baris
perintah: `python -m checker check berkas.toml`. Lihat [katalog aturan](../referensi/aturan.md).

## Cek cepat perorangan { #individu }

Mode perorangan akan tersedia di halaman ini.
"""
