package org.cytotrial.response;

/** An investigator's review of an assessment whose computed response disagreed. */
public enum ReviewStatus {
    CONFIRMED,
    CORRECTED
}
