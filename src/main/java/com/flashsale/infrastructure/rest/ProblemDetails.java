package com.flashsale.infrastructure.rest;

import com.flashsale.InvalidRequestException.Violation;
import java.util.List;

/**
 * An RFC 9457 problem details body. Absent members are omitted; {@code violations} lists broken
 * input rules and {@code purchaseId} names the purchase a shopper already holds.
 */
public record ProblemDetails(String type, String title, int status, String detail, String instance,
                             List<Violation> violations, String purchaseId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
