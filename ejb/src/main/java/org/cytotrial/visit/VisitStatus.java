package org.cytotrial.visit;

/** Whether a scheduled visit took place. Overdue is derived from the schedule, not stored. */
public enum VisitStatus {
    PLANNED,
    DONE,
    MISSED
}
