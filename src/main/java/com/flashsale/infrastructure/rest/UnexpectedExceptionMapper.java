package com.flashsale.infrastructure.rest;

import com.mongodb.MongoException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else: logged with a reference, answered without internals. An unreachable MongoDB
 * is a 503 with {@code Retry-After}; every other surprise is a 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof MongoException) {
            LOG.log(Level.WARNING, "MongoDB unavailable: {0}", e.toString());
            return Responses.problem(uri, 503, "/problems/service-unavailable", "Service temporarily unavailable",
                    "The database is busy or unreachable; try again shortly.", null, null);
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return Responses.problem(uri, 500, "about:blank", "Internal Server Error",
                "An unexpected error occurred (reference " + reference + ").", null, null);
    }
}
