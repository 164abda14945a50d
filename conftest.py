"""Repository-wide test policy: under CI every real service must run.

Outside CI a test may skip when LibreOffice or PostgreSQL cannot be had on a
developer's machine. With ``CI=true`` (as ``.ci/run`` runs) such a skip is
turned into a failure, so a green CI never hides a check that did not run.
Doctest examples marked ``+SKIP`` (shown, not executed) are not affected.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    outcome = yield
    report = outcome.get_result()
    doctest = isinstance(item, pytest.DoctestItem)
    if IN_CI and report.skipped and not doctest and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped under CI=true, where every service must run: {reason}"
