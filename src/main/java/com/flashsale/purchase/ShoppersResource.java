package com.flashsale.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A shopper's purchase history across sales. */
@Path("v1/shoppers/{userIdentifier}/purchases")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Purchases")
public class ShoppersResource {

    @Inject
    PurchaseService purchases;

    @GET
    @Operation(summary = "Every recorded purchase of a shopper, newest first")
    public List<Receipt> history(@PathParam("userIdentifier") String userIdentifier) {
        return purchases.history(userIdentifier);
    }
}
