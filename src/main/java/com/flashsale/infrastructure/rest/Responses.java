package com.flashsale.infrastructure.rest;

import com.flashsale.FlashSaleException.Problem;
import com.flashsale.InvalidRequestException.Violation;
import com.flashsale.seed.SeedEnvelope;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Builds error responses: problem+json on the project's API, the seed envelope on the
 * seed-compatible paths, so old clients keep reading the shape they know.
 */
public final class Responses {

    private static final int RETRY_AFTER_SECONDS = ConfigProvider.getConfig()
            .getOptionalValue("flashsale.retry-after-seconds", Integer.class).orElse(2);

    private Responses() {
    }

    public static Response problem(UriInfo uri, int status, String type, String title, String detail,
                                   List<Violation> violations, String purchaseId) {
        Response.ResponseBuilder builder = Response.status(status);
        if (status == 503) {
            builder.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        if (uri != null && isSeedPath(uri)) {
            String message = violations == null || violations.isEmpty() ? detail : violations.get(0).message();
            return builder.type(MediaType.APPLICATION_JSON_TYPE).entity(SeedEnvelope.failure(message)).build();
        }
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        return builder.type(ProblemDetails.MEDIA_TYPE)
                .entity(new ProblemDetails(type, title, status, detail, instance, violations, purchaseId)).build();
    }

    public static Response problem(UriInfo uri, Problem problem, String detail, List<Violation> violations,
                                   String purchaseId) {
        return problem(uri, problem.status(), problem.type(), problem.title(), detail, violations, purchaseId);
    }

    static boolean isSeedPath(UriInfo uri) {
        String path = uri.getPath(); // no regex: this runs for every 409 of a rush
        int from = path.startsWith("/") ? 1 : 0;
        return path.startsWith("flash-sale", from) || path.startsWith("admin", from);
    }
}
