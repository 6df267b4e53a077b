"""Use cases: ingest, reports, categorization, accounts and keys."""
