package org.cytotrial.signature;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.ReviewStatus;

/** A response assessment as the signer sees it on the signature page. */
public record SignedResponse(BigDecimal visitNumber, String visit, LocalDate assessedOn, String testCode, String response,
        String evaluator, String reviewStatus, String reviewReason) {

    /** For the query's constructor expression. */
    public SignedResponse(BigDecimal visitNumber, String visit, LocalDate assessedOn, String testCode,
            ResponseCategory response, String evaluator, ReviewStatus reviewStatus, String reviewReason) {
        this(visitNumber.stripTrailingZeros(), visit, assessedOn, testCode, response.name(), evaluator,
                reviewStatus == null ? null : reviewStatus.name(), reviewReason);
    }
}
