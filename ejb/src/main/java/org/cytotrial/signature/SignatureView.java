package org.cytotrial.signature;

import java.time.Instant;

/**
 * A signature as people see it: who, when, what it means, whether it still holds, and for an
 * invalid one the first change that broke it (null when the data changed without an audit
 * record, i.e. outside the application).
 */
public record SignatureView(long id, String scope, String meaning, String signer, String signerName, Instant signedAt,
        int records, SignatureStatus status, Change brokenBy) {

    /** The first audited change after the signature. */
    public record Change(long revision, Instant at, String username, String reason, String record, String entity) {}
}
