"""A short, bounded run of the soak benchmark (bench/watch_soak.py): loopback only, < 60 s.

The watcher runs as a child process against changing local feeds, is SIGKILLed mid-run and
restarted, while a feed and the webhook go down for a while; every alert must arrive exactly
once at the webhook (idempotency key), the JSONL file and the mailbox. The full soak (three
minutes, six restarts) is ``python bench/watch_soak.py``; its figures are in docs/watch.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "watch_soak.py"


def test_short_soak_with_a_restart_delivers_every_alert_exactly_once(tmp_path: Path):
    run = subprocess.run(
        [sys.executable, str(BENCH), "--duration", "20", "--kills", "1", "--incidents", "5", "--drain", "30",
         "--interval", "1", "--tmp", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    assert "exactly once: yes" in run.stdout and "1 SIGKILL+restart(s)" in run.stdout
    assert "[FAIL]" not in run.stdout
