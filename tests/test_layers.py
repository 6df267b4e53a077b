"""Each layer keeps to itself: commands other than serve start without the web framework."""

from __future__ import annotations

import subprocess
import sys

WEB_FRAMEWORK = ("fastapi", "starlette", "uvicorn")


def loaded_after(imports: str) -> list[str]:
    """Which web framework packages a fresh interpreter has loaded after the given imports."""
    probe = (
        f"import sys\nimport {imports}\n"
        f"print(' '.join(m for m in {WEB_FRAMEWORK!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.split()


def test_the_service_wiring_and_user_commands_do_not_import_the_web_framework():
    assert loaded_after("dayglass.composition, dayglass.cli.users") == []


def test_the_command_line_imports_the_web_framework_only_when_serving():
    assert loaded_after("dayglass.cli.main") == []
    assert "fastapi" in loaded_after("dayglass.http.app")  # the probe does see an import
