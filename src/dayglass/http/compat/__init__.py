"""Wire compatibility with other time trackers' HTTP APIs, one package per vendor."""
