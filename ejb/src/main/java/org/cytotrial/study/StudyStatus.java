package org.cytotrial.study;

/** Life cycle of a study: set up by an administrator, active while data is entered, locked at a data cut-off. */
public enum StudyStatus {
    SETUP,
    ACTIVE,
    LOCKED,
    CLOSED
}
