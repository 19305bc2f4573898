-- Conversations: the dialog state of one chat, on any channel. `version` guards against lost
-- updates; turns on one conversation are serialized by locking its row.
create table conversations (
  id text primary key,
  channel text not null,
  locale text not null default 'zh' check (locale in ('zh', 'en')),
  machine_id text not null,
  machine_version integer not null,
  snapshot jsonb not null,
  version integer not null default 0,
  -- Who speaks for the service: the bot, nobody yet (waiting for an agent), an agent, or nobody (closed).
  owner text not null default 'bot' check (owner in ('bot', 'waiting', 'agent', 'closed')),
  consent text not null default 'unknown' check (consent in ('unknown', 'given', 'declined')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Append-only history of each turn: what came in (text only with consent, else its length and a
-- hash), which states were entered, what was cited. Never updated.
create table turn_events (
  conversation_id text not null references conversations (id) on delete cascade,
  seq integer not null,
  turn_id text not null,
  type text not null,
  payload jsonb not null,
  at timestamptz not null default now(),
  primary key (conversation_id, seq)
);

-- A retried turn (same client turn id) gets the stored replies instead of running twice.
create table processed_turns (
  conversation_id text not null references conversations (id) on delete cascade,
  turn_id text not null,
  replies jsonb not null,
  at timestamptz not null default now(),
  primary key (conversation_id, turn_id)
);

create table cases (
  case_no text primary key,
  -- One case per conversation: filing is an upsert on this column, so a retried turn never files twice.
  conversation_id text not null unique references conversations (id),
  status text not null check (status in ('open', 'negotiating', 'platform', 'external', 'awaiting_agent', 'resolved', 'closed')),
  category text not null,
  record jsonb not null,
  -- sha256 of the phone number given on the case, for follow-up lookups by case number + phone.
  phone_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index cases_by_status on cases (status, updated_at desc);

create table case_events (
  case_no text not null references cases (case_no) on delete cascade,
  seq integer not null,
  type text not null,
  actor text not null,
  payload jsonb not null,
  at timestamptz not null default now(),
  primary key (case_no, seq)
);
