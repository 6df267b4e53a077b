"""Settings: flags over environment over TOML file over defaults."""

from pathlib import Path

from dayglass.settings import load_settings


def test_precedence(tmp_path: Path, monkeypatch):
    config = tmp_path / "server.toml"
    config.write_text('port = 9000\nhost = "0.0.0.0"\ndata_dir = "/srv/dayglass"\n')
    monkeypatch.delenv("DAYGLASS_DATABASE_URL", raising=False)
    monkeypatch.setenv("DAYGLASS_HOST", "127.0.0.2")
    settings = load_settings(config)
    assert (settings.port, settings.host) == (9000, "127.0.0.2")
    assert settings.sqlalchemy_url == "sqlite:////srv/dayglass/dayglass.sqlite3"
    assert load_settings(config, port=1234, host=None).port == 1234


def test_database_url_overrides_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("DAYGLASS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DAYGLASS_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert load_settings().sqlalchemy_url == "postgresql+psycopg://u@h/db"


def test_the_default_data_dir_is_the_platforms(monkeypatch):
    monkeypatch.delenv("DAYGLASS_DATA_DIR", raising=False)
    monkeypatch.delenv("DAYGLASS_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "/tmp/xdg-data")
    monkeypatch.setenv("DAYGLASS_CONFIG", "/nonexistent/server.toml")
    assert load_settings().sqlalchemy_url == "sqlite:////tmp/xdg-data/dayglass/dayglass.sqlite3"
