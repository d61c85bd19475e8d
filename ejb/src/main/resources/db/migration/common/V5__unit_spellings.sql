-- Other spellings of the catalogue's units, as lab systems write them, with exact factors to
-- the standard unit. No new unit of measure is introduced here: only the same quantity written
-- differently (10^9/L = /nL; U/mL = kU/L; pg/mL = ng/L), plus the fraction form of the
-- haematocrit and M-protein in g/dL.
insert into marker_unit (marker_code, unit, factor) values
    ('EOS', '10*9/L', 1), ('EOS', 'x10^9/L', 1), ('EOS', '/nL', 1),
    ('LYM', '10*9/L', 1), ('LYM', 'x10^9/L', 1), ('LYM', '/nL', 1),
    ('WBC', '10*9/L', 1), ('WBC', 'x10^9/L', 1), ('WBC', '/nL', 1),
    ('RBC', '10*12/L', 1), ('RBC', 'x10^12/L', 1), ('RBC', '/pL', 1),
    ('HCT', 'L/L', 100),
    ('CD4', '% of lymphocytes', 1), ('CD8', '% of lymphocytes', 1),
    ('CD25', '% of CD4+', 1),
    ('NKACT', '% lysis', 1), ('LAKACT', '% lysis', 1),
    ('SIL2R', 'kU/L', 1),
    ('IL6', 'ng/L', 1), ('IFNG', 'ng/L', 1), ('IL4', 'ng/L', 1),
    ('MPROT', 'g/dL', 10);
