package org.cytotrial.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cytotrial.platform.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Part 11's "why": required for a change of recorded data, from the service's argument or the request. */
class ChangeReasonTest {

    @AfterEach
    void clear() {
        AuditContext.end();
    }

    @Test
    void aChangeWithoutAReasonIsRefusedWithTheField() {
        AuditContext.begin("coordinator", "10.0.0.1");
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ChangeReason.require("  ", true));
        assertEquals("reason", refused.getErrors().get(0).field());
        ChangeReason.require(null, false);
        assertEquals("first entry", AuditContext.current().reason());
    }

    @Test
    void theReasonSuppliedWithTheRequestIsUsedWhenTheServiceHasNone() {
        AuditContext.begin("coordinator", "10.0.0.1").supplyReason("transcription error");
        ChangeReason.require(null, true);
        assertEquals("transcription error", AuditContext.current().reason());
        ChangeReason.require(" value re-measured ", true);
        assertEquals("value re-measured", AuditContext.current().reason(), "an explicit reason wins");
        assertThrows(InvalidInputException.class, () -> ChangeReason.require("x".repeat(ChangeReason.MAX_LENGTH + 1), true));
    }
}
