"""Drive the reader with thousands of random keys, clicks and resizes; report and exit 1 on a crash.

    python scripts/monkey.py --events 5000 --seeds 1 2 3
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.bundled import default_article  # noqa: E402
from reader.core.loader import load_article  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402
from tests.monkey import monkey_runs  # noqa: E402


async def run(seed: int, events: int) -> None:
    """One seeded run on the bundled article."""
    article = load_article(default_article())
    start = time.monotonic()
    # a click on the palette's Quit ends an app cleanly; the run goes on in a new one
    tally, ended = await monkey_runs(lambda: ReaderApp(article), random.Random(seed), events)
    print(
        f"seed {seed}: {tally.total} events ({tally.keys} keys, {tally.clicks} clicks, {tally.resizes} resizes), "
        f"screens {sorted(tally.screens)}, ended cleanly {ended} times, {time.monotonic() - start:.0f} s, no crash"
    )


def main() -> int:
    """Run the seeds given; exit 1 at the first crash."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    # never touch the user's own reading state
    os.environ["READER_STATE_DIR"] = tempfile.mkdtemp(prefix="reader-monkey-")
    for seed in args.seeds:
        try:
            asyncio.run(run(seed, args.events))
        except Exception:
            traceback.print_exc()
            print(f"seed {seed}: CRASH", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
