-- Retention (个人信息保护法 第十九条、第四十七条): personal data is kept no longer than its purpose needs.
-- A case's clock starts when it closes (resolved or closed), kept by a trigger so no writer can forget;
-- reopening a case stops the clock.
alter table cases add column closed_at timestamptz;
-- A case whose personal data the retention job (or the consumer's own request) has removed: its
-- statistics (type, status, amounts, dates, outcomes) are all that is left.
alter table cases add column anonymised_at timestamptz;
update cases set closed_at = updated_at where status in ('resolved', 'closed');
create index cases_closed on cases (closed_at) where closed_at is not null and anonymised_at is null;

create function case_closed_clock() returns trigger language plpgsql as $$
begin
  if new.status in ('resolved', 'closed') then
    if tg_op = 'INSERT' or old.status not in ('resolved', 'closed') then
      new.closed_at := now();
    end if;
  else
    new.closed_at := null;
  end if;
  return new;
end;
$$;

create trigger case_closed_clock
  before insert or update of status on cases
  for each row
  execute function case_closed_clock();

-- Conversations are found by how long they have been idle.
create index conversations_idle on conversations (updated_at);

-- What each retention run did, for the operator: counts only, never what was removed.
create table retention_runs (
  id bigserial primary key,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  dry_run boolean not null,
  trigger text not null check (trigger in ('schedule', 'admin')),
  counts jsonb not null default '{}'
);
