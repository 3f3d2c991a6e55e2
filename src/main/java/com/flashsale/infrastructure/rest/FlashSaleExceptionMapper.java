package com.flashsale.infrastructure.rest;

import com.flashsale.FlashSaleException;
import com.flashsale.InvalidRequestException;
import com.flashsale.purchase.PurchaseRejectedException;
import com.flashsale.ratelimit.RateLimitedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Reports the service's own failures with their problem type and status. */
@Provider
public class FlashSaleExceptionMapper implements ExceptionMapper<FlashSaleException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(FlashSaleException e) {
        var violations = e instanceof InvalidRequestException invalid ? invalid.violations() : null;
        String purchaseId = e instanceof PurchaseRejectedException rejected && rejected.existing() != null
                ? rejected.existing().purchaseId() : null;
        Response response = Responses.problem(uri, e.problem(), e.getMessage(), violations, purchaseId);
        if (e instanceof RateLimitedException limited) {
            return Response.fromResponse(response).header("Retry-After", limited.retryAfterSeconds()).build();
        }
        return response;
    }
}
