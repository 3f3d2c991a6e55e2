package com.flashsale.admin;

import com.flashsale.purchase.Reconciler;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin operations of the project's API: audit and reconcile. */
@Path("v1/admin")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "admin")
@Tag(name = "Admin")
public class AdminResource {

    @Inject
    AdminService admin;

    @POST
    @Path("reconciliation")
    @Operation(summary = "Drain the outbox and rebuild missing Redis state of every open sale from MongoDB")
    public List<Reconciler.Result> reconcile() {
        return admin.reconcile();
    }

    @GET
    @Path("sales/{saleId}/audit")
    @Operation(summary = "Compare a sale's decision state with its durable record")
    public AdminService.SaleAudit audit(@PathParam("saleId") String saleId) {
        return admin.audit(saleId);
    }
}
