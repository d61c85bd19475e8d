package org.cytotrial.signature;

/** Where a subject's data stand with respect to a signature scope. */
public enum SignatureStatus {
    /** Never signed. */
    UNSIGNED,
    /** Signed, and the data are unchanged since. */
    VALID,
    /** Signed, but the data changed afterwards: a new signature is needed. */
    INVALID,
    /** An older signature, followed by a newer one of the same scope. */
    SUPERSEDED
}
