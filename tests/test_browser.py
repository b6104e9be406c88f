"""The HTML report (same template as the PDF) in a real browser: headless Chromium takes a screenshot.

Needs Debian's `chromium` (`apt-get install -y chromium`); skipped with the reason when it is absent.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_cli

CHROMIUM = Path("/usr/bin/chromium")
WIDTH, HEIGHT = 1200, 1600

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is absent (Debian package 'chromium'; add it to SYSDEPS)")


def _screenshot(page: Path, png: Path, profile: Path) -> subprocess.CompletedProcess[bytes]:
    argv = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}",
            page.as_uri()]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # chromium's own process group, started above
        proc.communicate()
        pytest.fail("chromium did not finish its screenshot within 90 s")
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def test_html_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    from PIL import Image

    r = run_cli("run", str(SEEDS), "--out", str(tmp_path), "--name", "seeds", "--format", "html", "-q")
    assert r.code == 0, r.err
    page = tmp_path / "seeds.html"
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "Needs attention" in html
    png = tmp_path / "shot.png"
    proc = _screenshot(page, png, tmp_path / "profile")
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(png) as img:
        img.load()
        assert img.size == (WIDTH, HEIGHT)
        rgb = img.convert("RGB")
    data = rgb.tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3], strict=True))
    ink = sum(1 for p in pixels if min(p) < 200)
    assert ink > 0.02 * len(pixels), f"the page looks blank ({ink} dark pixels)"
    # the red CONFLICT badge and red/green cells of the figure are drawn
    red = sum(1 for r_, g, b in pixels if r_ > 150 and g < 80 and b < 80)
    green = sum(1 for r_, g, b in pixels if g > 100 and r_ < 80 and b < 80)
    assert red > 200 and green > 200, (red, green)
