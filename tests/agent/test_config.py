"""The agent's settings file and durations."""

from __future__ import annotations

import pytest

from dayglass.agent.config import AgentConfig, load_config, write_config
from dayglass.agent.pause import parse_duration
from dayglass.agent.privacy import PrivacyRules
from dayglass.core.errors import InvalidInput


def test_settings_round_trip_with_privacy_rules(tmp_path):
    path = tmp_path / "agent.toml"
    rules = PrivacyRules(send_titles=False, drop_apps=("keepassxc",), redact_patterns=("(?i)x",))
    config = AgentConfig("https://dayglass.example", "dg_k", "desk", sync_seconds=10, privacy=rules)
    write_config(path, config)
    assert load_config(path) == config
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('server = "ftp://x"\nkey = "k"\n', "http(s) URL"),
        ('server = "http://x"\nkey = "k"\npoll_seconds = 0\n', "poll_seconds must be positive"),
        ('server = "http://x"\nkey = "k"\ncolour = "red"\n', "colour"),
        ('server = "http://x"\nkey = "k"\n[privacy]\ndrop_patterns = ["("]\n', "bad pattern"),
        ("server = \n", "agent.toml"),
    ],
)
def test_bad_settings_say_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "agent.toml"
    path.write_text(text)
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(path)
    with pytest.raises(InvalidInput, match="dayglass agent setup"):
        load_config(tmp_path / "missing.toml")


def test_durations():
    assert parse_duration("30m") == 1_800_000
    assert parse_duration("1h30m") == 5_400_000
    assert parse_duration(" 90s ") == 90_000
    for bad in ("", "soon", "10", "5d", "1h and 2m"):
        with pytest.raises(InvalidInput):
            parse_duration(bad)
