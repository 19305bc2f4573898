-- A widget's resume ticket is exchanged for a new token once: the exchange records the ticket's
-- hash here, and a second exchange of the same ticket finds it and is refused. Rows are needed
-- only until the ticket would have expired anyway, and are purged after that.
create table channel_resume_tickets_used (
  ticket_hash bytea primary key,
  conversation_id text not null,
  expires_at timestamptz not null,
  used_at timestamptz not null default now()
);
create index channel_resume_tickets_used_expiry on channel_resume_tickets_used (expires_at);
