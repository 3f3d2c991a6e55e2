package com.flashsale.sale;

import com.flashsale.StrictJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sales: anyone reads them; the admin creates, edits (before start) and cancels them. */
@Path("v1/sales")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sales")
public class SalesResource {

    @Inject
    SaleService sales;

    @POST
    @RolesAllowed("admin")
    @SecurityRequirement(name = "admin")
    @Operation(summary = "Create a sale")
    public Response create(String body, @Context UriInfo uri) {
        Sale sale = sales.create(SaleRequestReader.read(StrictJson.object(body, false)));
        return Response.created(uri.getAbsolutePathBuilder().path(sale.id()).build())
                .entity(SaleResponse.of(sales.state(sale.id()))).build();
    }

    @GET
    @Operation(summary = "Every sale with its live status, newest first")
    public List<SaleResponse> list() {
        return sales.all().stream().map(s -> SaleResponse.of(s.state())).toList();
    }

    @GET
    @Path("{saleId}")
    @Operation(summary = "A sale's live status, stock and the server's clock")
    public SaleResponse get(@PathParam("saleId") String saleId) {
        return SaleResponse.of(sales.state(saleId));
    }

    @PUT
    @Path("{saleId}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "admin")
    @Operation(summary = "Edit a sale that has not started")
    public SaleResponse update(@PathParam("saleId") String saleId, String body) {
        sales.update(saleId, SaleRequestReader.read(StrictJson.object(body, false)));
        return SaleResponse.of(sales.state(saleId));
    }

    @DELETE
    @Path("{saleId}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "admin")
    @Operation(summary = "Cancel a sale: no further purchases; existing ones stand")
    public SaleResponse cancel(@PathParam("saleId") String saleId) {
        sales.cancel(saleId);
        return SaleResponse.of(sales.state(saleId));
    }
}
