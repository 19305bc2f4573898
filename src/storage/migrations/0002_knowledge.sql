-- The knowledge layer's sources: law texts and operator plans, one row per ingested file.
-- Ingestion compares content hashes, so re-running it changes nothing; a removed file is retired
-- (kept for old citations, never served).
create table knowledge_sources (
  source_path text primary key,
  kind text not null check (kind in ('law', 'plan')),
  content_hash text not null,
  ingested_at timestamptz not null default now(),
  retired_at timestamptz
);

create table law_articles (
  id text primary key,
  source_path text not null references knowledge_sources (source_path) on delete cascade,
  law_title text not null,
  law_short text not null,
  part text,
  version_date date,
  -- False for an older version of a law that has a newer, non-retired version.
  is_current boolean not null,
  category text not null,
  chapter_path jsonb not null,
  label text not null,
  number numeric not null,
  text text not null
);
create index law_articles_by_reference on law_articles (law_short, label);
create index law_articles_by_source on law_articles (source_path);

create table plan_sections (
  id text primary key,
  source_path text not null references knowledge_sources (source_path) on delete cascade,
  plan_id text not null,
  plan_title text not null,
  heading text not null,
  path jsonb not null,
  text text not null,
  ord integer not null
);
create index plan_sections_by_plan on plan_sections (plan_id, ord);
