-- WeChat channels (公众号 callbacks at /wechat/{siteId}, 企业微信 微信客服 at /wecom/{siteId}).

-- Each site's WeChat app: its id (AppID or CorpID) in the clear, and its secret, token and
-- EncodingAESKey as one AES-256-GCM sealed JSON (src/channels/wechat/secretBox.ts). `previous_sealed`
-- holds the credentials replaced by the last change: callbacks signed or encrypted with them are still
-- accepted until `previous_until`, so the token and key can be rotated without dropping messages.
create table wechat_apps (
  site_id text not null references sites (id) on delete cascade,
  kind text not null check (kind in ('mp', 'kf')),
  app_id text not null check (app_id ~ '^[A-Za-z0-9_-]{3,64}$'),
  sealed text not null,
  previous_sealed text,
  previous_until timestamptz,
  updated_at timestamptz not null default now(),
  primary key (site_id, kind)
);

-- One row per callback message WeChat delivered (MsgId, or FromUserName+CreateTime for events): WeChat
-- retries a callback it got no answer to within 5 s, and a retry must never run a second turn.
-- `status` is 'running' while the first delivery works on it; `answered` says how the replies went out:
-- 'passive' in the HTTP answer (a retry gets the same answer, rebuilt from the engine's stored replies
-- for the turn), 'custom' through the customer-service API, 'none' nothing to say. Neither the sender's
-- OpenID nor the message or reply text is kept here: `msg_key` is the conversation and MsgId, or a hash for events.
create table wechat_inbound (
  site_id text not null references sites (id) on delete cascade,
  kind text not null check (kind in ('mp', 'kf')),
  msg_key text not null,
  conversation_id text not null,
  status text not null default 'running' check (status in ('running', 'done')),
  answered text check (answered in ('passive', 'custom', 'none')),
  claimed_at timestamptz not null default now(),
  done_at timestamptz,
  primary key (site_id, kind, msg_key)
);
create index wechat_inbound_by_age on wechat_inbound (claimed_at);

-- The numbered choices last offered in a WeChat conversation (WeChat text has no buttons): a reply of
-- "2" is read as the second choice's value.
create table wechat_choices (
  conversation_id text primary key,
  choices jsonb not null,
  updated_at timestamptz not null default now()
);

-- Access tokens of the WeChat APIs, per site and app kind, sealed like the credentials. One refresh at
-- a time across instances: the refresher holds this row's lock (select … for update) while it asks.
create table wechat_access_tokens (
  site_id text not null references sites (id) on delete cascade,
  kind text not null check (kind in ('mp', 'kf')),
  sealed text,
  expires_at timestamptz not null default '-infinity',
  refreshed_at timestamptz,
  primary key (site_id, kind)
);
