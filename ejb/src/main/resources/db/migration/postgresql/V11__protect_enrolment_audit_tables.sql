-- The audit tables V10 added (eligibility criteria and answers, randomisation assignments) get
-- the same protection as the others: rows can be added, never changed or removed.
select cytotrial_protect_audit_tables();
