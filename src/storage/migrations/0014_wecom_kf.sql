-- 企业微信 微信客服 (/wecom/{siteId}): the kf/sync_msg cursor per site and customer-service account
-- (open_kfid), so each message is fetched once however many instances get the callback; the row is
-- locked while one instance syncs.
create table wecom_kf_cursors (
  site_id text not null references sites (id) on delete cascade,
  open_kfid text not null check (open_kfid ~ '^[A-Za-z0-9_-]{1,64}$'),
  cursor text,
  updated_at timestamptz not null default now(),
  primary key (site_id, open_kfid)
);

-- A 微信客服 session the shop's own staff took in WeCom (session_status_change to a servicer): the bot
-- stays silent in it until the session ends or is given back to the bot. Who took it is not kept.
create table wecom_kf_sessions (
  conversation_id text primary key,
  site_id text not null references sites (id) on delete cascade,
  taken_at timestamptz,
  updated_at timestamptz not null default now()
);
