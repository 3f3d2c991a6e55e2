package com.flashsale.infrastructure.rest;

import com.mongodb.MongoException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.net.SocketTimeoutException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Anything else: logged with a reference, answered without internals. An unreachable MongoDB
 * is a 503 with {@code Retry-After}; a body over Liberty's size limit a 413 and a body that stops
 * arriving (read timeout) a 408, as both are the client's doing; every other surprise is a 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    /**
     * Liberty's HTTP channel throws this (an SPI class, not visible to applications, hence the name)
     * while a body without Content-Length is read past {@code httpOptions messageSizeLimit}; a body
     * that declares its length is refused with 413 before the application runs.
     */
    static final String MESSAGE_TOO_LARGE = "com.ibm.wsspi.http.channel.exception.MessageTooLargeException";

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        if (isMessageTooLarge(e)) {
            return Responses.problem(uri, 413, "/problems/request-too-large", "Request too large",
                    "The request body is larger than the server accepts.", null, null);
        }
        if (causedBy(e, JedisException.class) || causedBy(e, MongoException.class)) {
            // a store's failure that reached here wrapped (its own timeouts included): ours, not the client's
            LOG.log(Level.WARNING, "Store unavailable: {0}", e.toString());
            return Responses.problem(uri, 503, "/problems/service-unavailable", "Service temporarily unavailable",
                    "The service is busy or a store is unreachable; try again shortly.", null, null);
        }
        if (causedBy(e, SocketTimeoutException.class)) {
            // the client sent its body slower than httpOptions readTimeout allows: its fault, not ours
            LOG.log(Level.FINE, "Request body read timed out: {0}", e.toString());
            return Responses.problem(uri, 408, "/problems/request-timeout", "Request timeout",
                    "The request body did not arrive in time.", null, null);
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return Responses.problem(uri, 500, "about:blank", "Internal Server Error",
                "An unexpected error occurred (reference " + reference + ").", null, null);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static boolean isMessageTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (MESSAGE_TOO_LARGE.equals(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }
}
