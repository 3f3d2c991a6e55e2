package com.flashsale.infrastructure.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST API under {@code /api}: the project's own {@code /api/v1} and the seed-compatible paths. */
@ApplicationPath("/api")
@DeclareRoles("admin")
@OpenAPIDefinition(
        info = @Info(title = "Flash sale API", version = "1.0",
                description = "Limited-stock sales with one atomic purchase decision per request. "
                        + "Errors are RFC 9457 application/problem+json."),
        tags = {@Tag(name = "Sales"), @Tag(name = "Purchases"), @Tag(name = "Admin"),
                @Tag(name = "Seed-compatible", description = "The contract of the Node service this replaces")})
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "basic")
public class FlashSaleApplication extends Application {
}
