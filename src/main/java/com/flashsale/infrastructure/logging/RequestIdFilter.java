package com.flashsale.infrastructure.logging;

import com.ibm.websphere.logging.hpel.LogRecordContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plain token (a load
 * balancer's id, so one id follows the request through both), otherwise a new one. It is sent
 * back in {@code X-Request-Id} and added to every log record written on the request's thread
 * through Liberty's {@link LogRecordContext}: with JSON logs ({@code flashsale.log.format=json})
 * each line of a purchase carries it as {@code ext_requestId}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String LOG_FIELD = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = requestId(request.getHeader(HEADER));
        response.setHeader(HEADER, id);
        request.setAttribute(LOG_FIELD, id);
        LogRecordContext.addExtension(LOG_FIELD, id);
        try {
            chain.doFilter(request, response);
        } finally {
            LogRecordContext.removeExtension(LOG_FIELD);
        }
    }

    /** The caller's id if it is a plain token of at most 64 characters, else a new random one. */
    static String requestId(String incoming) {
        if (incoming != null && ACCEPTED.matcher(incoming).matches()) {
            return incoming;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
