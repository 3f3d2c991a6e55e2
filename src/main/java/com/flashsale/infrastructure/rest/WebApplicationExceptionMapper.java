package com.flashsale.infrastructure.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Framework errors (unknown path, wrong method or media type, unreadable body) as problems. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType statusType = original.getStatusInfo();
        String detail = status == 400 ? "The request body could not be read: it must be valid JSON of the documented shape."
                : statusType.getReasonPhrase();
        Response problem = Responses.problem(uri, status, "about:blank", statusType.getReasonPhrase(), detail, null, null);
        if (original.getHeaderString("Allow") != null) {
            return Response.fromResponse(problem).header("Allow", original.getHeaderString("Allow")).build();
        }
        return problem;
    }
}
