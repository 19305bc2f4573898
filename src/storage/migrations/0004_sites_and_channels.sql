-- Sites: the shops and platforms that embed Weiquan. A site's secret is shown once at creation and
-- kept only as its SHA-256 (it is 32 random bytes, so a plain hash is enough; no password stretching).
create table sites (
  id text primary key check (id ~ '^[a-z0-9_]{3,40}$'),
  name text not null,
  allowed_origins text[] not null default '{}',
  locale text not null default 'zh' check (locale in ('zh', 'en')),
  secret_hash text not null unique,
  secret_rotated_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);

-- Every conversation belongs to the site it was started from (null for the CLI and older rows).
alter table conversations add column site_id text references sites (id);
create index conversations_by_site on conversations (site_id, updated_at desc) where site_id is not null;

-- The channel activity log: every activity of a Direct Line conversation, in order. `seq` is the
-- watermark clients resume from; `client_id` (the client's activity id, or a server id for the
-- bot's replies derived from the turn) is unique per conversation, so a retried post appends nothing.
create table channel_activities (
  conversation_id text not null references conversations (id) on delete cascade,
  seq integer not null,
  client_id text not null,
  activity jsonb not null,
  at timestamptz not null default now(),
  primary key (conversation_id, seq),
  unique (conversation_id, client_id)
);

-- Evidence uploaded in a conversation: the file lives under DATA_DIR/evidence/ by its SHA-256.
create table evidence_files (
  id text primary key,
  conversation_id text not null references conversations (id) on delete cascade,
  case_no text references cases (case_no) on delete set null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content_type text not null,
  size integer not null check (size >= 0),
  original_name text not null,
  storage_path text not null,
  created_at timestamptz not null default now(),
  -- The same file sent twice in one conversation (a retried upload) is one piece of evidence.
  unique (conversation_id, sha256)
);
create index evidence_files_by_case on evidence_files (case_no) where case_no is not null;

-- The HMAC key that signs conversation tokens, shared by every instance on this database. The
-- oldest row is the key in use; rotation would add a row and accept both for a token's lifetime.
create table channel_signing_keys (
  id serial primary key,
  secret bytea not null,
  created_at timestamptz not null default now()
);
