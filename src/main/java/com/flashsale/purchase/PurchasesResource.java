package com.flashsale.purchase;

import com.flashsale.StrictJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Purchases of a sale: shoppers buy and check; the admin lists them (JSON or CSV). */
@Path("v1/sales/{saleId}/purchases")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Purchases")
public class PurchasesResource {

    static final String CSV = "text/csv";

    @Inject
    PurchaseService purchases;

    @Inject
    PurchaseQueries queries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Buy one unit",
            description = "201 with a receipt, or 409 with the reason (sold-out, already-purchased carrying the "
                    + "existing purchaseId, sale-not-started, sale-ended, sale-cancelled). A retry with the same "
                    + "Idempotency-Key header returns the original receipt. 429 with Retry-After when the client "
                    + "address or the shopper has used up their attempts (rate-limited). A sale with a waiting room "
                    + "sells only to an admitted shopper: the Admission-Token header carries the token the queue gave; "
                    + "403 admission-required or admission-expired otherwise.")
    public Response purchase(@PathParam("saleId") String saleId, String body,
                             @HeaderParam("Idempotency-Key") String idempotencyKey,
                             @HeaderParam("Admission-Token") String admissionToken, @Context UriInfo uri,
                             @Context HttpServletRequest request) {
        String userIdentifier = PurchaseRequest.read(StrictJson.object(body, false)).userIdentifier();
        Receipt receipt = purchases.purchase(saleId, userIdentifier, idempotencyKey, request.getRemoteAddr(),
                admissionToken);
        return Response.created(uri.getAbsolutePathBuilder().path(receipt.userIdentifier()).build())
                .entity(receipt).build();
    }

    @GET
    @Path("{userIdentifier}")
    @Operation(summary = "A shopper's receipt in this sale, or 404")
    public Receipt purchaseOf(@PathParam("saleId") String saleId, @PathParam("userIdentifier") String userIdentifier) {
        return purchases.purchaseOf(saleId, userIdentifier)
                .orElseThrow(() -> new PurchaseNotFoundException(saleId, PurchaseService.requireShopperId(userIdentifier)));
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, PurchasesResource.CSV})
    @RolesAllowed("admin")
    @SecurityRequirement(name = "admin")
    @Operation(summary = "The sale's recorded purchases: a JSON page (oldest first), or every one as CSV "
            + "with Accept: text/csv or format=csv")
    public Response list(@PathParam("saleId") String saleId,
                         @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("50") int size,
                         @QueryParam("q") String identifierPrefix,
                         @QueryParam("format") String format,
                         @Context HttpHeaders headers) {
        if ("csv".equals(format) || wantsCsv(headers)) {
            return Response.ok(queries.csv(saleId), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"purchases-" + saleId + ".csv\"").build();
        }
        return Response.ok(queries.page(saleId, identifierPrefix, page, size), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static boolean wantsCsv(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream().filter(t -> !t.isWildcardType())
                .findFirst().map(t -> "text".equals(t.getType()) && "csv".equals(t.getSubtype())).orElse(false);
    }
}
