-- Which agents have the console open, per instance: a waiting consumer whose site has nobody online
-- is told at once instead of after the whole handoff timeout. Rows are refreshed by the console's
-- heartbeat and ignored once stale, so a crashed instance leaves nobody "online" for long.
create table agent_presence (
  agent_id text not null references agents (id) on delete cascade,
  instance_id uuid not null,
  sites text[] not null,
  connections integer not null check (connections > 0),
  seen_at timestamptz not null default now(),
  primary key (agent_id, instance_id)
);
create index agent_presence_by_seen on agent_presence (seen_at);
