-- Shopper satisfaction (seed plan 7.3.2(3)): one optional question when a case is resolved, one answer per case.
create table satisfaction_ratings (
  case_no text primary key references cases (case_no) on delete cascade,
  conversation_id text not null references conversations (id) on delete cascade,
  asked_at timestamptz not null default now(),
  score smallint check (score between 1 and 5),
  -- Free text, stored with identifiers already replaced by labels.
  comment text check (length(comment) <= 500),
  answered_at timestamptz,
  check ((score is null) = (answered_at is null))
);
create index satisfaction_ratings_pending on satisfaction_ratings (conversation_id) where answered_at is null;
create index satisfaction_ratings_answered on satisfaction_ratings (answered_at) where answered_at is not null;
