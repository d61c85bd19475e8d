-- The application treats study codes case-insensitively (IL2-MM and il2-mm are one study);
-- two concurrent imports of such codes must not both succeed.
create unique index study_code_lower_unique on study (lower(code));
