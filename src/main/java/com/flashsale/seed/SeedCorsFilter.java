package com.flashsale.seed;

import com.flashsale.infrastructure.embedded.ServiceEndpoints;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CORS for the seed-compatible paths, whose web page is served from another origin. Origins
 * come from {@code flashsale.cors.allowed-origins} (comma-separated, or {@code *}); unset, any
 * origin is allowed on the embedded defaults and none elsewhere.
 */
@Provider
@PreMatching
public class SeedCorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ORIGIN = "Origin";

    @Inject
    @ConfigProperty(name = "flashsale.cors.allowed-origins")
    Optional<List<String>> configuredOrigins;

    @Inject
    ServiceEndpoints endpoints;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString(ORIGIN);
        if ("OPTIONS".equals(request.getMethod()) && origin != null && isSeedPath(request)
                && request.getHeaderString("Access-Control-Request-Method") != null) {
            Response.ResponseBuilder preflight = Response.noContent();
            if (allowed(origin)) {
                preflight.header("Access-Control-Allow-Origin", origin)
                        .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                        .header("Access-Control-Allow-Headers", "Content-Type, Authorization")
                        .header("Access-Control-Max-Age", "600")
                        .header("Vary", ORIGIN);
            }
            request.abortWith(preflight.build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString(ORIGIN);
        if (origin != null && isSeedPath(request) && allowed(origin)
                && !response.getHeaders().containsKey("Access-Control-Allow-Origin")) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().add("Vary", ORIGIN);
        }
    }

    private boolean allowed(String origin) {
        List<String> origins = configuredOrigins.orElse(endpoints.embeddedDefaults() ? List.of("*") : List.of());
        return origins.contains("*") || origins.contains(origin);
    }

    private static boolean isSeedPath(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceFirst("^/", "");
        return path.startsWith("flash-sale/") || path.startsWith("admin/");
    }
}
