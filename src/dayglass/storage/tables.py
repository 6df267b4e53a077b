"""The schema. Every key of per-user data starts with `user_id` so a user's rows are contiguous."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back time-zone aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store in UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Read as aware UTC (SQLite keeps no offset)."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# SQLite stores INTEGER PRIMARY KEY as the rowid; BigInteger would not autoincrement there.
Id = BigInteger().with_variant(Integer(), "sqlite")


def surrogate_id() -> Column[int]:
    """The `id` of a distributed table, whose primary key leads with its distribution column.

    Citus needs the distribution column in every primary key, so these tables declare
    (user_id, id) or (key_hash, id). On SQLite the migrations keep the physical key `id` alone:
    only an INTEGER PRIMARY KEY (the rowid) numbers rows by itself there.
    """
    return Column("id", Id, autoincrement=True, nullable=False)


def user_keyed(table: str) -> PrimaryKeyConstraint:
    """The primary key (user_id, id) of a table distributed by user."""
    return PrimaryKeyConstraint("user_id", "id", name=f"pk_{table}")


def owned_rows(table: str) -> Index:
    """A unique index on (user_id, id): what a foreign key from a co-located table refers to."""
    return Index(f"uq_{table}_user_id_id", "user_id", "id", unique=True)


def owned_by(table: str, column: str, parent: str) -> ForeignKeyConstraint:
    """A foreign key (user_id, column) to the parent's (user_id, id): co-located rows."""
    return ForeignKeyConstraint(
        ["user_id", column],
        [f"{parent}.user_id", f"{parent}.id"],
        name=f"fk_{table}_{column}_{parent}",
        ondelete="CASCADE",
    )


users = Table(
    "users",
    metadata,
    Column("id", Id, primary_key=True),
    Column("email", String(320), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    # Raised by every change to what server processes keep of the user in memory (see
    # dayglass.storage.cache_stamps).
    Column("cache_stamp", BigInteger, nullable=False, server_default="0"),
)

api_keys = Table(
    "api_keys",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(200), nullable=False),
    Column("prefix", String(16), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_used_at", UtcDateTime()),
    Column("revoked_at", UtcDateTime()),
    # Set: a key made for this organization (the Data API answers it for the team).
    Column("org_id", ForeignKey("organizations.id", ondelete="CASCADE")),
    Index("ix_api_keys_user", "user_id"),
    Index("ix_api_keys_org", "org_id"),
    # Distributed by the hash a request presents, so looking a key up reaches one shard.
    PrimaryKeyConstraint("key_hash", "id", name="pk_api_keys"),
)

devices = Table(
    "devices",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(128), nullable=False),
    Column("source_type", String(16), nullable=False),
    # The longest event stored so far bounds how far back an overlap can start.
    Column("max_event_ms", BigInteger, nullable=False, default=0),
    Column("created_at", UtcDateTime(), nullable=False),
    UniqueConstraint("user_id", "name", name="uq_devices_user_name"),
    user_keyed("devices"),
    owned_rows("devices"),
)

activities = Table(
    "activities",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(512), nullable=False),
    UniqueConstraint("user_id", "name", name="uq_activities_user_name"),
    user_keyed("activities"),
)

# Window titles, page titles, app names and URLs as sent, stored once per user.
texts = Table(
    "texts",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    # A 128-bit digest keys the text: titles can be longer than an index entry may be.
    Column("digest", LargeBinary(16), nullable=False),
    Column("value", Text, nullable=False),
    UniqueConstraint("user_id", "digest", name="uq_texts_user_digest"),
    user_keyed("texts"),
)

raw_events = Table(
    "raw_events",
    metadata,
    surrogate_id(),
    # No foreign key to users: the device's (user_id, device_id) ties the row to its user, and
    # each extra check costs ingest a lookup per event.
    Column("user_id", Id, nullable=False),
    Column("device_id", Id, nullable=False),
    # The client's id, unique for its device. The dedupe index is on it, not on a hash of it:
    # ids a client makes in order (the agent's start with the event's start) then land side by
    # side in the index, so a batch's rows touch a few of its pages instead of one page each.
    Column("client_id", String(64), nullable=False),
    Column("start_ms", BigInteger, nullable=False),
    Column("duration_ms", BigInteger, nullable=False),
    Column("utc_offset_min", SmallInteger, nullable=False),
    Column("app_text_id", BigInteger, nullable=False),
    Column("title_text_id", BigInteger, nullable=False),
    Column("url_text_id", BigInteger),
    Index("uq_raw_events_device_client", "user_id", "device_id", "client_id", unique=True),
    Index("ix_raw_events_device_start", "user_id", "device_id", "start_ms"),
    user_keyed("raw_events"),
    owned_by("raw_events", "device_id", "devices"),
)

# Seconds spent, per local 5-minute bucket and device. Categorization is applied at query time.
facts = Table(
    "facts",
    metadata,
    Column("user_id", BigInteger, primary_key=True),
    Column("bucket", BigInteger, primary_key=True),  # local epoch seconds of the bucket start
    Column("source_type", SmallInteger, primary_key=True),
    Column("activity_id", BigInteger, primary_key=True),
    Column("document_id", BigInteger, primary_key=True),
    # The device that sent the time (devices.id), for project rules by device; 0 where no
    # device is known (offline time, imports whose source had none). Not a foreign key: 0.
    Column("device_id", BigInteger, primary_key=True),
    Column("ms", BigInteger, nullable=False),
    sqlite_with_rowid=False,
)

# The same seconds summed per local day and activity: most reports read this instead of facts.
daily_facts = Table(
    "daily_facts",
    metadata,
    Column("user_id", BigInteger, primary_key=True),
    Column("day", BigInteger, primary_key=True),  # local epoch seconds of the day's midnight
    Column("source_type", SmallInteger, primary_key=True),
    Column("activity_id", BigInteger, primary_key=True),
    Column("ms", BigInteger, nullable=False),
    sqlite_with_rowid=False,
)

# The same seconds summed per local day, activity and document: reports that must look at
# documents (a project's keyword, a search) over whole days read this instead of facts; the
# second index finds the days of a few documents without reading every day (with ms, SQLite
# answers from the index alone).
daily_documents = Table(
    "daily_documents",
    metadata,
    Column("user_id", BigInteger, primary_key=True),
    Column("day", BigInteger, primary_key=True),  # local epoch seconds of the day's midnight
    Column("source_type", SmallInteger, primary_key=True),
    Column("activity_id", BigInteger, primary_key=True),
    Column("document_id", BigInteger, primary_key=True),
    Column("ms", BigInteger, nullable=False),
    Index("ix_daily_documents_document", "user_id", "document_id", "day", "ms"),
    sqlite_with_rowid=False,
)

activity_overrides = Table(
    "activity_overrides",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("activity_key", String(512), primary_key=True),  # casefolded activity name
    Column("activity", String(512), nullable=False),
    Column("category", String(128)),
    Column("productivity", SmallInteger),
)

category_overrides = Table(
    "category_overrides",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("category", String(128), primary_key=True),
    Column("productivity", SmallInteger, nullable=False),
)

# A user's named weekly windows of local time (RescueTime's restrict_schedule_id).
schedules = Table(
    "schedules",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    UniqueConstraint("user_id", "name", name="uq_schedules_user_name"),
    user_keyed("schedules"),
    owned_rows("schedules"),
)

# One row per weekday span, merged so spans of a day never overlap.
schedule_windows = Table(
    "schedule_windows",
    metadata,
    Column("user_id", BigInteger, primary_key=True),
    Column("schedule_id", Id, primary_key=True),
    Column("weekday", SmallInteger, primary_key=True),  # 0 Monday .. 6 Sunday
    Column("start_minute", SmallInteger, primary_key=True),
    Column("end_minute", SmallInteger, nullable=False),
    owned_by("schedule_windows", "schedule_id", "schedules"),
)

# ---- daily summaries, alerts, highlights, FocusTime, offline time (issue 4) ----

# One row per closed local day: the point-in-time seconds of its summary (JSON, part -> seconds).
daily_summaries = Table(
    "daily_summaries",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("total_seconds", BigInteger, nullable=False),
    Column("seconds", Text, nullable=False),
    Column("made_at", UtcDateTime(), nullable=False),
    # Each activity's milliseconds with the level and overview it had when the day was frozen
    # (JSON), so time that arrives late is added without re-categorizing what was there.
    Column("activities", Text, nullable=True),
)

alerts = Table(
    "alerts",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("comparison", String(8), nullable=False),
    Column("hours", Float, nullable=False),
    Column("target", String(32), nullable=False),
    Column("value", String(200)),
    Column("webhook_url", String(2048)),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_alerts_user", "user_id"),
    user_keyed("alerts"),
    owned_rows("alerts"),
)

# At most one triggering per alert and local day; webhook delivery state rides along.
alert_triggerings = Table(
    "alert_triggerings",
    metadata,
    surrogate_id(),
    Column("user_id", BigInteger, nullable=False),
    Column("alert_id", Id, nullable=False),
    Column("day", Date, nullable=False),
    Column("message", String(400), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("webhook_due_at", UtcDateTime()),  # the next delivery attempt; None: nothing to send
    Column("webhook_attempts", SmallInteger, nullable=False, default=0),
    UniqueConstraint("user_id", "alert_id", "day", name="uq_alert_triggerings_user_alert_day"),
    Index("ix_alert_triggerings_user", "user_id", "created_at"),
    Index("ix_alert_triggerings_due", "webhook_due_at"),
    user_keyed("alert_triggerings"),
    owned_by("alert_triggerings", "alert_id", "alerts"),
)

highlights = Table(
    "highlights",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("description", String(255), nullable=False),
    Column("source", String(255)),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_highlights_user_day", "user_id", "day"),
    user_keyed("highlights"),
)

focus_sessions = Table(
    "focus_sessions",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("started_at", UtcDateTime(), nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("ends_at", UtcDateTime(), nullable=False),
    Column("ended_at", UtcDateTime()),
    Index("ix_focus_sessions_user_start", "user_id", "started_at"),
    user_keyed("focus_sessions"),
)

# Each entry's time is stored as events of its own `offline` device, so it counts like any time.
offline_entries = Table(
    "offline_entries",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("start_at", UtcDateTime(), nullable=False),
    Column("utc_offset_min", SmallInteger, nullable=False),
    Column("seconds", Integer, nullable=False),
    Column("activity", String(255), nullable=False),
    Column("details", String(255), nullable=False),
    Column("device", String(128), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_offline_entries_user_start", "user_id", "start_at"),
    user_keyed("offline_entries"),
)

SOURCE_TYPE_CODES = {"computers": 0, "mobile": 1, "offline": 2}
SOURCE_TYPE_NAMES = {code: name for name, code in SOURCE_TYPE_CODES.items()}

oauth_clients = Table(
    "oauth_clients",
    metadata,
    Column("id", Id, primary_key=True),
    Column("client_id", String(64), nullable=False, unique=True),
    Column("secret_hash", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("redirect_uris", Text, nullable=False),  # one per line, matched exactly
    # The user who registered it in the web app; none when an administrator used the CLI.
    Column("owner_id", ForeignKey("users.id", ondelete="CASCADE")),
    Column("created_at", UtcDateTime(), nullable=False),
)

oauth_codes = Table(
    "oauth_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("client_id", ForeignKey("oauth_clients.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("redirect_uri", Text, nullable=False),
    Column("scope", String(200), nullable=False),
    Column("code_challenge", String(128)),
    Column("code_challenge_method", String(16)),
    Column("expires_at", UtcDateTime(), nullable=False),
)

oauth_tokens = Table(
    "oauth_tokens",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("client_id", ForeignKey("oauth_clients.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("scope", String(200), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_used_at", UtcDateTime()),
    Column("revoked_at", UtcDateTime()),
    Index("ix_oauth_tokens_user", "user_id"),
    PrimaryKeyConstraint("token_hash", "id", name="pk_oauth_tokens"),
)

embed_keys = Table(
    "embed_keys",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("label", String(200), nullable=False),
    Column("begin_day", String(10), nullable=False),
    Column("end_day", String(10), nullable=False),
    Column("group_by", String(16), nullable=False),
    Column("resolution", String(16), nullable=False),
    Column("allow_raw", Boolean, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime()),
    Column("search", String(200)),  # a keyword kept in the saved report (None: no search)
    Column("project_id", Id),  # no foreign key: a removed project leaves a key that answers nothing
    Column("period", String(16)),  # relative to the owner's today; None: begin_day..end_day
    Index("ix_embed_keys_user", "user_id"),
    PrimaryKeyConstraint("key_hash", "id", name="pk_embed_keys"),
)

# How far each import of a user's history has come (a source's own position text), so an
# interrupted import continues where it stopped.
import_cursors = Table(
    "import_cursors",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("source", String(200), primary_key=True),
    Column("position", String(64), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

# Signed-in browser sessions: the cookie carries the token, the server keeps only its hash, so
# signing out, a password change or "sign out everywhere" ends a session for good.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("token_hash", String(64), primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_seen_at", UtcDateTime(), nullable=False),
    Column("user_agent", String(200), nullable=False),
)

# Sign-in tries per account (a digest of the email, never the email) and per client address,
# in fixed windows; expired rows are deleted, so the table stays small whatever is sent.
signin_attempts = Table(
    "signin_attempts",
    metadata,
    Column("subject", LargeBinary(16), primary_key=True),
    Column("window_start", UtcDateTime(), nullable=False),
    Column("tries", Integer, nullable=False),
    Index("ix_signin_attempts_window_start", "window_start"),
)

# A user's named projects; position orders them (the first matching project claims a moment).
projects = Table(
    "projects",
    metadata,
    surrogate_id(),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("position", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_projects_user", "user_id", "position"),
    user_keyed("projects"),
    owned_rows("projects"),
)

# The rules of each project, in the order they were added.
project_rules = Table(
    "project_rules",
    metadata,
    surrogate_id(),
    Column("user_id", BigInteger, nullable=False),
    Column("project_id", Id, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("value", String(500), nullable=False),
    Index("ix_project_rules_user_project", "user_id", "project_id"),
    user_keyed("project_rules"),
    owned_by("project_rules", "project_id", "projects"),
)

# Local time of a day given to a project by hand (minutes [start, end) of the day).
project_assignments = Table(
    "project_assignments",
    metadata,
    surrogate_id(),
    Column("user_id", BigInteger, nullable=False),
    Column("project_id", Id, nullable=False),
    Column("day", Date, nullable=False),
    Column("start_minute", SmallInteger, nullable=False),
    Column("end_minute", SmallInteger, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_project_assignments_user_day", "user_id", "day"),
    user_keyed("project_assignments"),
    owned_by("project_assignments", "project_id", "projects"),
)

# ---- teams: organizations, members, groups, invitations, organization keys (issue 11) ----

organizations = Table(
    "organizations",
    metadata,
    Column("id", Id, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

# A person in an organization, with the role they hold and what they let it see (consent).
org_members = Table(
    "org_members",
    metadata,
    Column("org_id", ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("share", SmallInteger, nullable=False),  # 1 totals .. 4 documents
    Column("by_name", Boolean, nullable=False),
    Column("joined_at", UtcDateTime(), nullable=False),
    Index("ix_org_members_user", "user_id"),
)

org_groups = Table(
    "org_groups",
    metadata,
    Column("id", Id, primary_key=True),
    Column("org_id", ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    UniqueConstraint("org_id", "name", name="uq_org_groups_org_name"),
)

# Who is in a group, and who manages it (reads its reports).
group_members = Table(
    "group_members",
    metadata,
    Column("group_id", ForeignKey("org_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_group_members_user", "user_id"),
)

group_managers = Table(
    "group_managers",
    metadata,
    Column("group_id", ForeignKey("org_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_group_managers_user", "user_id"),
)

# Invitations by code: only a hash of the code is kept, as for API keys.
org_invitations = Table(
    "org_invitations",
    metadata,
    Column("id", Id, primary_key=True),
    Column("org_id", ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_by", ForeignKey("users.id", ondelete="CASCADE")),  # None: the CLI
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime()),
    Index("ix_org_invitations_org", "org_id"),
)

# Each user's choice of a weekly report by email (no row: not opted in).
weekly_email_choices = Table(
    "weekly_email_choices",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("enabled", Boolean, nullable=False),
    Column("weekday", SmallInteger, nullable=False),  # 0 Monday .. 6 Sunday, as date.weekday()
    Column("updated_at", UtcDateTime(), nullable=False),
)

# One row per user and week (the Monday of the send day's week): claimed before the email is
# sent, so two processes or a restart never send one week twice.
weekly_email_sends = Table(
    "weekly_email_sends",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("week", Date, primary_key=True),
    Column("state", String(16), nullable=False),
    Column("attempts", SmallInteger, nullable=False),
    # claimed: the claim's end; retry: the next attempt; other states: None.
    Column("due_at", UtcDateTime()),
    Column("updated_at", UtcDateTime(), nullable=False),
)
