package org.cytotrial.signature;

import java.util.List;

/**
 * A subject's signatures, newest first, with the status of each scope (the status of its latest
 * signature, or UNSIGNED), and whether the current user may sign now.
 */
public record SubjectSignatures(String study, String usubjid, String site, SignatureStatus responses,
        SignatureStatus casebook, List<SignatureView> signatures, boolean maySign, String lockedBecause) {

    public SubjectSignatures {
        signatures = List.copyOf(signatures);
    }
}
