package org.cytotrial.signature;

import java.util.List;
import java.util.Set;
import org.cytotrial.audit.AuditedTable;

/** What a signature covers, and the meaning the signer states (§11.50: the meaning of the signature). */
public enum SignatureScope {

    /** The subject's investigator response assessments (SDTM RS): the record of truth for BOR and PFS. */
    RESPONSES("I confirm that these response assessments are my assessments and are correct.",
            List.of(SignedTable.RESPONSE_ASSESSMENT)),

    /** Everything recorded for the subject: the casebook. */
    CASEBOOK("I confirm that the data of this casebook are complete and accurate.",
            List.of(SignedTable.SUBJECT, SignedTable.VISIT, SignedTable.LAB_RESULT, SignedTable.LESION,
                    SignedTable.LESION_MEASUREMENT, SignedTable.RESPONSE_ASSESSMENT, SignedTable.EXPOSURE,
                    SignedTable.DISPOSITION_EVENT, SignedTable.ADVERSE_EVENT));

    private final String meaning;
    private final List<SignedTable> tables;

    SignatureScope(String meaning, List<SignedTable> tables) {
        this.meaning = meaning;
        this.tables = tables;
    }

    public String meaning() {
        return meaning;
    }

    List<SignedTable> tables() {
        return tables;
    }

    /** The audit tables whose changes break a signature of this scope. */
    public Set<AuditedTable> auditedTables() {
        return tables.stream().map(SignedTable::audited).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** A signed table: how its rows belong to a subject. */
    enum SignedTable {
        SUBJECT("subject x", "x.id", AuditedTable.SUBJECT),
        VISIT("visit x", "x.subject_id", AuditedTable.VISIT),
        LAB_RESULT("lab_result x", "x.subject_id", AuditedTable.LAB_RESULT),
        LESION("lesion x", "x.subject_id", AuditedTable.LESION),
        LESION_MEASUREMENT("lesion_measurement x join lesion l on l.id = x.lesion_id", "l.subject_id",
                AuditedTable.LESION_MEASUREMENT),
        RESPONSE_ASSESSMENT("response_assessment x", "x.subject_id", AuditedTable.RESPONSE_ASSESSMENT),
        EXPOSURE("exposure x", "x.subject_id", AuditedTable.EXPOSURE),
        DISPOSITION_EVENT("disposition_event x", "x.subject_id", AuditedTable.DISPOSITION_EVENT),
        ADVERSE_EVENT("adverse_event x", "x.subject_id", AuditedTable.ADVERSE_EVENT);

        final String from;
        final String owner;
        final AuditedTable audited;

        SignedTable(String from, String owner, AuditedTable audited) {
            this.from = from;
            this.owner = owner;
            this.audited = audited;
        }

        AuditedTable audited() {
            return audited;
        }
    }
}
