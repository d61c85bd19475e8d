package org.cytotrial.lock;

/** What a data lock covers. */
public enum LockLevel {
    /** Every subject of the study, and the study's set-up. */
    STUDY,
    /** The subjects of one site in one study. */
    SITE,
    /** One subject. */
    SUBJECT
}
