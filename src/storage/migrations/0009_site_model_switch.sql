-- A site may keep its conversations away from the language model (some shops may not send data out).
-- On by default: a model is used only when the operator configured one (LLM_*), and then for every
-- site that has not turned it off.
alter table sites add column model_enabled boolean not null default true;
