-- The analytics cache's change detector (AnalyticsCache, docs/analytics.md "Cache"): the number
-- of committed audit revisions, kept as it happens instead of counted on every read.
--
-- Every committed change of clinical data writes an audit revision in its transaction. A deferred
-- constraint trigger adds 1 to a counter at the commit of each transaction that inserted one, in
-- that transaction, so the counter moves exactly when the revision becomes visible: the sum of
-- the counters is count(*) of audit_revision in every snapshot, read in O(1). (The highest id
-- alone would miss a transaction that drew a lower id and commits later.)
--
-- The counter is split into 32 rows, and a transaction adds to the row of its backend
-- (pg_backend_pid() % 32): writers on different connections rarely touch the same row, and a
-- writer holds its row only from the trigger to the end of its commit, because the trigger is
-- deferred to commit time (an import that runs for minutes does not block anyone's saves).
create table analytics_data_version (
    shard      integer not null primary key,
    revisions  bigint  not null
);
insert into analytics_data_version (shard, revisions) select s, 0 from generate_series(0, 31) s;
update analytics_data_version set revisions = (select count(*) from audit_revision) where shard = 0;

create or replace function cytotrial_count_audit_revision() returns trigger language plpgsql as $$
begin
    update analytics_data_version set revisions = revisions + 1 where shard = pg_backend_pid() % 32;
    return null;
end;
$$;

create constraint trigger audit_revision_counted after insert on audit_revision
    deferrable initially deferred for each row execute function cytotrial_count_audit_revision();
