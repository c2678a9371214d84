"""The throw-away server the tests start when READINGLIST_TEST_POSTGRES names none."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

TESTS = Path(__file__).resolve().parents[1]
SERVE = (
    "import sys, time; sys.path.insert(0, sys.argv[1]); import throwawayserver;"
    " print(throwawayserver.server_url(), flush=True); time.sleep(120)"
)


def test_the_server_serves_the_test_role_and_is_gone_after_an_interrupt() -> None:
    serving = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(TESTS)], stdout=subprocess.PIPE, text=True
    )
    try:
        url = make_url(serving.stdout.readline().strip())  # type: ignore[union-attr]
        engine = create_engine(url)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT current_user")).scalar() == "readinglist"
            superuser = connection.execute(text("SHOW is_superuser")).scalar()
            assert superuser == "off"  # row-level security binds the tests' role
        engine.dispose()
    finally:
        serving.send_signal(signal.SIGTERM)
        serving.wait(timeout=60)
    folder = Path(str(url.query["host"]))
    assert not folder.exists()
