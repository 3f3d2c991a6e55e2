package com.flashsale.infrastructure.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body JSON-B cannot bind (malformed JSON, wrong types, bad dates) is a 400. */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<JsonbException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(JsonbException e) {
        return Responses.problem(uri, 400, "/problems/validation", "Invalid request",
                "The request body could not be read: it must be valid JSON of the documented shape "
                        + "(numbers as JSON numbers, times as ISO-8601 such as 2026-02-14T09:00:00Z).", null, null);
    }
}
