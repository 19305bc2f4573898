-- Every change of a conversation's owner is recorded, whoever makes it (the engine when the consumer
-- asks for a person or withdraws, the console when an agent claims, hands back or closes): one
-- trigger, so no writer can forget. The writer names itself with `set local weiquan.actor = '…'`;
-- without it the change is the consumer's (through the bot). Agents' queues are woken through NOTIFY.
create function conversation_owner_changed() returns trigger language plpgsql as $$
declare
  actor text := coalesce(nullif(current_setting('weiquan.actor', true), ''), 'consumer');
begin
  if new.owner = 'waiting' then
    new.handoff_requested_at := now();
    new.handoff_timed_out_at := null;
    new.agent_id := null;
    new.handoff_reason := case when coalesce((new.snapshot::jsonb #>> '{context,failures}')::int, 0) >= 2 then 'not_understood' else 'requested' end;
  elsif new.owner in ('bot', 'closed') then
    new.agent_id := null;
  end if;
  insert into conversation_events (conversation_id, seq, type, actor, payload)
  values (
    new.id,
    coalesce((select max(seq) from conversation_events where conversation_id = new.id), 0) + 1,
    'owner_changed',
    actor,
    jsonb_build_object('from', old.owner, 'to', new.owner, 'agentId', new.agent_id, 'reason', new.handoff_reason)
  );
  -- Payload format of src/storage/pubsub.ts: "<origin>:<message>"; origin "db" reaches every instance.
  perform pg_notify('console_queue', 'db:' || coalesce(new.site_id, '') || ' ' || new.id);
  return new;
end;
$$;

create trigger conversation_owner_changed
  before update of owner on conversations
  for each row
  when (old.owner is distinct from new.owner)
  execute function conversation_owner_changed();

-- A conversation first written already waiting (a handoff asked for in the very first message).
create function conversation_created_waiting() returns trigger language plpgsql as $$
begin
  new.handoff_requested_at := now();
  new.handoff_reason := 'requested';
  return new;
end;
$$;

create trigger conversation_created_waiting
  before insert on conversations
  for each row
  when (new.owner = 'waiting')
  execute function conversation_created_waiting();

create function conversation_inserted_waiting_notify() returns trigger language plpgsql as $$
begin
  insert into conversation_events (conversation_id, seq, type, actor, payload)
  values (new.id, 1, 'owner_changed', 'consumer', jsonb_build_object('from', null, 'to', new.owner, 'reason', new.handoff_reason));
  perform pg_notify('console_queue', 'db:' || coalesce(new.site_id, '') || ' ' || new.id);
  return null;
end;
$$;

create trigger conversation_inserted_waiting_notify
  after insert on conversations
  for each row
  when (new.owner = 'waiting')
  execute function conversation_inserted_waiting_notify();

-- An agent with the conversation open sees its case change (a fact added, a status, a note) live.
create function case_changed_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('case_changed', 'db:' || new.conversation_id);
  return null;
end;
$$;

create trigger case_changed_notify
  after insert or update on cases
  for each row
  execute function case_changed_notify();
