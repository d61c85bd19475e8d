package org.cytotrial.signature;

import java.time.Instant;
import java.util.List;

/** One page of a study's subjects with the state of their signatures. */
public record SignatureOverview(long total, int first, List<Row> rows) {

    /** A subject and the status of each signature scope, with its latest signature. */
    public record Row(String usubjid, String site, SignatureStatus responses, SignatureStatus casebook,
            String lastSigner, Instant lastSignedAt) {}

    public SignatureOverview {
        rows = List.copyOf(rows);
    }
}
