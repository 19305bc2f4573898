-- Every start of the service registers itself. Operators can see which instances ran and when;
-- later features (live agent updates across instances) address instances by this id.
create table service_instances (
  id uuid primary key,
  hostname text not null,
  pid integer not null,
  version text not null,
  started_at timestamptz not null default now(),
  stopped_at timestamptz
);

create index service_instances_started_at on service_instances (started_at desc);
