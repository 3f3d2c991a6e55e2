package com.flashsale.seed;

import com.flashsale.admin.AdminService;
import com.flashsale.admin.AdminService.ResetReport;
import com.flashsale.purchase.PurchaseRepository;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.SaleWithState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The seed service's admin API on its original paths; admin role required (the seed left it open). */
@Path("admin")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed("admin")
@SecurityRequirement(name = "admin")
@Tag(name = "Seed-compatible")
public class SeedAdminResource {

    @Inject
    SaleService sales;

    @Inject
    PurchaseRepository purchases;

    @Inject
    AdminService admin;

    @GET
    @Path("flash-sales")
    @Operation(summary = "Every sale with its live status")
    public SeedEnvelope flashSales() {
        List<Map<String, Object>> list = sales.all().stream().map(SeedAdminResource::row).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("flashSales", list);
        data.put("totalFlashSales", list.size());
        data.put("totalPurchases", purchases.countAll());
        return SeedEnvelope.ok(data);
    }

    @POST
    @Path("reset-database")
    @Operation(summary = "Delete every sale and purchase (and the Redis state mirroring them)")
    public SeedEnvelope resetDatabase() {
        ResetReport r = admin.resetDatabase();
        return SeedEnvelope.ok("Database reset successfully",
                Map.of("flashSalesDeleted", r.flashSalesDeleted(), "purchasesDeleted", r.purchasesDeleted()));
    }

    @POST
    @Path("reset-redis")
    @Operation(summary = "Clear this application's Redis keys; state is rebuilt from MongoDB when needed")
    public SeedEnvelope resetRedis() {
        admin.resetRedis();
        return SeedEnvelope.ok("Redis reset successfully", Map.of("redisFlushed", true));
    }

    @POST
    @Path("reset-all")
    @Operation(summary = "Both resets")
    public SeedEnvelope resetAll() {
        ResetReport r = admin.resetAll();
        return SeedEnvelope.ok("All data reset successfully", Map.of("flashSalesDeleted", r.flashSalesDeleted(),
                "purchasesDeleted", r.purchasesDeleted(), "redisFlushed", r.redisFlushed()));
    }

    private static Map<String, Object> row(SaleWithState s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("_id", s.sale().id());
        row.put("id", s.sale().id());
        row.put("productName", s.state().productName());
        row.put("totalStock", s.state().totalStock());
        row.put("stockRemaining", s.state().stockRemaining());
        row.put("startTime", SeedTimes.format(s.state().startTime()));
        row.put("endTime", SeedTimes.format(s.state().endTime()));
        row.put("status", s.state().status().label());
        row.put("createdAt", SeedTimes.format(s.sale().createdAt()));
        row.put("updatedAt", SeedTimes.format(s.sale().updatedAt()));
        return row;
    }
}
