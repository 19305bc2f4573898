-- Several cases per conversation: a new dispute after 取消 or 重新开始 files its own case, and the
-- earlier one keeps its record and history. Filing stays idempotent per turn through the turn's
-- version check and processed_turns, no longer through a unique conversation_id.
alter table cases drop constraint cases_conversation_id_key;
create index cases_by_conversation on cases (conversation_id, created_at);

-- The dialog state a case was left in when its conversation moved on to another dispute (null while
-- it is the conversation's current case): a follow-up by case number and phone resumes from here.
alter table cases add column snapshot json;

-- Written every turn and read back whole, never searched inside: json keeps the text as sent (no
-- binary conversion on write or read, which the turn pays for 3–10 KB at a time) and keeps key order,
-- so a retried turn's replies come back byte for byte.
alter table conversations alter column snapshot type json using snapshot::json;
alter table processed_turns alter column replies type json using replies::json;
alter table turn_events alter column payload type json using payload::json;
