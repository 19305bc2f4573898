-- Customer-service agents, their sessions, API keys for operators' integrations, and the record of
-- who owned a conversation when (human handoff).

create table agents (
  id text primary key,
  -- What the agent types at sign-in; unique across the service, compared lower-cased.
  login text not null unique check (login = lower(login)),
  display_name text not null,
  -- The site the agent works for. A supervisor also sees the sites in agent_site_grants.
  site_id text not null references sites (id),
  role text not null check (role in ('agent', 'supervisor')),
  -- scrypt, memory-hard: "scrypt$N$r$p$salt$hash" (base64url).
  password_hash text not null,
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);

create table agent_site_grants (
  agent_id text not null references agents (id) on delete cascade,
  site_id text not null references sites (id),
  primary key (agent_id, site_id)
);

-- Only a hash of the session token is stored; a stolen table does not sign anyone in.
create table agent_sessions (
  token_hash text primary key,
  agent_id text not null references agents (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index agent_sessions_by_expiry on agent_sessions (expires_at);

create table api_keys (
  id text primary key,
  site_id text not null references sites (id),
  name text not null,
  key_hash text not null unique,
  scope text not null check (scope in ('read', 'read_write')),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);

-- Who speaks for the service in a conversation, and since when: the queue reads these columns.
alter table conversations
  add column agent_id text references agents (id),
  add column handoff_reason text,
  add column handoff_requested_at timestamptz,
  -- Set when the consumer was told that no agent is free (once per waiting period).
  add column handoff_timed_out_at timestamptz;
create index conversations_waiting on conversations (handoff_requested_at) where owner = 'waiting';

-- Append-only: every change of owner (bot → waiting → agent → bot/closed) with who and when.
create table conversation_events (
  conversation_id text not null references conversations (id) on delete cascade,
  seq integer not null,
  type text not null,
  actor text not null,
  payload jsonb not null,
  at timestamptz not null default now(),
  primary key (conversation_id, seq)
);
