package org.cytotrial.audit;

import java.math.BigDecimal;
import java.util.Objects;

/** Whose audit trail: a whole study, one subject, or one visit of one subject. */
public record AuditScope(String studyCode, String usubjid, BigDecimal visitNumber) {

    public enum Level {
        STUDY,
        SUBJECT,
        VISIT
    }

    public AuditScope {
        Objects.requireNonNull(studyCode, "studyCode");
        if (visitNumber != null && usubjid == null) {
            throw new IllegalArgumentException("A visit's audit trail needs the subject");
        }
    }

    public static AuditScope study(String studyCode) {
        return new AuditScope(studyCode, null, null);
    }

    public static AuditScope subject(String studyCode, String usubjid) {
        return new AuditScope(studyCode, Objects.requireNonNull(usubjid), null);
    }

    public static AuditScope visit(String studyCode, String usubjid, BigDecimal visitNumber) {
        return new AuditScope(studyCode, usubjid, Objects.requireNonNull(visitNumber));
    }

    public Level level() {
        return visitNumber != null ? Level.VISIT : usubjid != null ? Level.SUBJECT : Level.STUDY;
    }
}
