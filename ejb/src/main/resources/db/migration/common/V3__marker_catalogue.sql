-- The marker catalogue of DOMAIN.md: code, standard unit, plausible range of standardised
-- values (outside = an entry error), and accepted alternative units with the factor that
-- converts them to the standard unit. Extend it with rows, not code.

insert into marker (code, name, category, standard_unit, plausible_low, plausible_high, derived, display_order) values
    ('EOS',     'Eosinophils',                      'HEMATOLOGY',        '10^9/L',  0,   50,     false, 10),
    ('LYM',     'Lymphocytes',                      'HEMATOLOGY',        '10^9/L',  0,   500,    false, 20),
    ('WBC',     'Leukocytes',                       'HEMATOLOGY',        '10^9/L',  0,   1000,   false, 30),
    ('HGB',     'Hemoglobin',                       'HEMATOLOGY',        'g/L',     20,  250,    false, 40),
    ('RBC',     'Erythrocytes',                     'HEMATOLOGY',        '10^12/L', 0.5, 10,     false, 50),
    ('HCT',     'Hematocrit',                       'HEMATOLOGY',        '%',       5,   80,     false, 60),
    ('CD4',     'CD4+ T Lymphocytes',               'IMMUNOPHENOTYPING', '%',       0,   100,    false, 70),
    ('CD8',     'CD8+ T Lymphocytes',               'IMMUNOPHENOTYPING', '%',       0,   100,    false, 80),
    ('CD4/CD8', 'CD4/CD8 Ratio',                    'IMMUNOPHENOTYPING', 'ratio',   0,   100,    true,  90),
    ('CD25',    'CD25+ of CD4+ T Lymphocytes',      'IMMUNOPHENOTYPING', '%',       0,   100,    false, 100),
    ('NKCD56',  'CD56+ NK Cells',                   'IMMUNOPHENOTYPING', '%',       0,   100,    false, 110),
    ('CD69',    'CD69+ Activated Lymphocytes',      'IMMUNOPHENOTYPING', '%',       0,   100,    false, 120),
    ('NKACT',   'NK Cytotoxic Activity',            'IMMUNE FUNCTION',   '%',       0,   100,    false, 130),
    ('LAKACT',  'LAK Cytotoxic Activity',           'IMMUNE FUNCTION',   '%',       0,   100,    false, 140),
    ('SIL2R',   'Soluble Interleukin-2 Receptor',   'CYTOKINES',         'U/mL',    0,   200000, false, 150),
    ('IL6',     'Interleukin 6',                    'CYTOKINES',         'pg/mL',   0,   100000, false, 160),
    ('IFNG',    'Interferon Gamma',                 'CYTOKINES',         'pg/mL',   0,   100000, false, 170),
    ('IL4',     'Interleukin 4',                    'CYTOKINES',         'pg/mL',   0,   100000, false, 180),
    ('CRP',     'C Reactive Protein',               'CHEMISTRY',         'mg/L',    0,   1000,   false, 190),
    ('MPROT',   'Serum M-Protein',                  'CHEMISTRY',         'g/L',     0,   200,    false, 200);

insert into marker_unit (marker_code, unit, factor) values
    ('HGB', 'g/dL', 10),
    ('CRP', 'mg/dL', 10);
