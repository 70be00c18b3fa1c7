"""Many Questionnaires rendered in NLM's LHC-Forms by one headless Chromium: the LHC-Forms tool, batched.

The tool (../shared/tools/lforms/roundtrip) renders one Questionnaire per run: it copies the lforms
package, starts a web server, sleeps a second, and runs Chromium with 20 s of virtual time. Its
work per form is a fraction of that. This does the same work for a list of forms: the same lforms
package (the tool's cache, fetched the same way when it is missing), a page like the tool's
(lforms_batch.html) that renders each form alone into a fresh container with
``LForms.Util.addFormToPage``, waits as the tool does, exports it with
``LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', container)``, counts the ``lhc-item``
nodes on the page as the tool does, and removes it before the next. All the responses are read
back from the page with one ``chromium --dump-dom``.

tests/fhir/test_lforms.py checks that the batch and the tool export the same response, and that
forms rendered one after another in a batch do not leak answers into each other.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

VERSION = "40.1.3"
CACHE = Path("/tmp/lforms-cache")  # the tool's
PAGE = Path(__file__).with_name("lforms_batch.html")
# Virtual time (Chromium fast-forwards it whenever the page is idle): the tool gives one form
# 20 s; a batch gives its scripts' start 20 s and each form 5 s, of which the page's wait takes 1.5.
START_BUDGET_MS = 20_000
FORM_BUDGET_MS = 5_000


@dataclass(frozen=True)
class Rendered:
    """What LHC-Forms made of one form: the QuestionnaireResponse it exports, and its ``lhc-item`` nodes."""

    response: dict[str, Any]
    nodes: int
    # Where a batch rendered it: which Chromium's page, and how many forms that page rendered before it.
    page: int = 0
    place: int = 0
    # Why LHC-Forms could not render or export it (then ``response`` is empty); "" when it did.
    error: str = ""


def lforms_package() -> Path:
    """The lforms package's dist/lforms folder, fetched into the tool's cache as the tool does when absent."""
    package = CACHE / "package"
    if not package.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        # Unpacked beside the cache and moved in whole, so a tool run at the same time never sees half.
        with tempfile.TemporaryDirectory(dir=CACHE) as fresh:
            subprocess.run(["npm", "pack", "-q", f"lforms@{VERSION}"], cwd=fresh, check=True, capture_output=True)
            subprocess.run(["tar", "xzf", f"lforms-{VERSION}.tgz"], cwd=fresh, check=True)
            if not package.is_dir():
                Path(fresh, "package").rename(package)
    return package / "dist" / "lforms"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def render(forms: Sequence[dict[str, Any]], *, chunks: int = 1) -> list[Rendered]:
    """What LHC-Forms makes of each Questionnaire in ``forms``, in order.

    ``chunks`` Chromiums share the forms (each its own page and web server) and run side by side.
    A form LHC-Forms fails on comes back with its ``error``; AssertionError when a page does not finish.
    """
    if not forms:
        return []
    size = -(-len(forms) // max(1, chunks))
    parts = [list(forms[i : i + size]) for i in range(0, len(forms), size)]
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        done = list(pool.map(_render_one_page, parts))
    return [
        dataclasses.replace(rendered, page=page, place=place)
        for page, part in enumerate(done)
        for place, rendered in enumerate(part)
    ]


def _render_one_page(forms: list[dict[str, Any]]) -> list[Rendered]:
    with tempfile.TemporaryDirectory(prefix="lforms-batch-") as site:
        root = Path(site)
        (root / "lforms").symlink_to(lforms_package(), target_is_directory=True)
        shutil.copy(PAGE, root / "index.html")
        (root / "forms.json").write_text(json.dumps(forms))
        handler = functools.partial(_Quiet, directory=site)
        with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
            serving = threading.Thread(target=server.serve_forever, daemon=True)
            serving.start()
            try:
                dom = _dump_dom(f"http://127.0.0.1:{server.server_address[1]}/index.html", root, len(forms))
            finally:
                server.shutdown()
                serving.join()
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    out = html.unescape(found.group(1)) if found else "ERROR no output"
    assert out.startswith("{"), f"LHC-Forms batch of {len(forms)} did not finish: {out[:500]}"
    results = json.loads(out)["results"]
    assert len(results) == len(forms), out[:500]
    return [Rendered({}, 0, error=r["error"]) if "error" in r else Rendered(r["response"], r["nodes"]) for r in results]


def _dump_dom(url: str, site: Path, count: int) -> str:
    budget = START_BUDGET_MS + FORM_BUDGET_MS * count
    done = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={site / 'ud'}",
            f"--virtual-time-budget={budget}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120 + 2 * count,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
