"""Building the handbook for tests: strict, into a folder of the test's choosing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]


def build_site(dest: Path, profile: Optional[Path] = None) -> Path:
    """Build the handbook into ``dest`` (strict), optionally with an agency profile."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ASN_PROFILE=str(profile or ""))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(dest)],
                   cwd=ROOT, env=env, check=True)
    return dest
