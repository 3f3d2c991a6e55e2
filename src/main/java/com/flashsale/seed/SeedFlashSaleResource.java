package com.flashsale.seed;

import com.flashsale.InvalidRequestException;
import com.flashsale.StoreUnavailableException;
import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.purchase.PurchaseRejectedException;
import com.flashsale.purchase.PurchaseService;
import com.flashsale.purchase.Receipt;
import com.flashsale.purchase.ShopperIds;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleAlreadyExistsException;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.SaleState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The seed service's shopper API on its original paths, as a thin adapter over the same
 * services as {@code /api/v1}. "The sale" is the newest sale that is not cancelled.
 */
@Path("flash-sale")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "Seed-compatible")
public class SeedFlashSaleResource {

    static final String NOT_FOUND = "Flash sale not found";
    private static final String SYSTEM_ERROR = "Purchase failed due to system error. Please try again.";

    @Inject
    SaleService sales;

    @Inject
    PurchaseService purchases;

    @POST
    @Path("create")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "admin")
    @Operation(summary = "Create the sale (only when no open sale exists)")
    public Response create(String body) {
        Sale sale;
        try {
            sale = sales.createIfNoOpenSale(SeedSaleRequest.parse(SeedJson.object(body)));
        } catch (SaleAlreadyExistsException e) {
            return badRequest(e.getMessage());
        }
        SaleState state = sales.state(sale.id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("_id", sale.id());
        data.put("productName", sale.productName());
        data.put("totalStock", sale.totalStock());
        data.put("remainingStock", state.stockRemaining());
        data.put("startTime", SeedTimes.format(sale.startTime()));
        data.put("endTime", SeedTimes.format(sale.endTime()));
        data.put("status", state.status().label());
        data.put("createdAt", SeedTimes.format(sale.createdAt()));
        data.put("updatedAt", SeedTimes.format(sale.updatedAt()));
        return Response.status(Response.Status.CREATED).entity(SeedEnvelope.ok(data)).build();
    }

    @GET
    @Path("status")
    @Operation(summary = "The sale's live status and stock")
    public Response status() {
        Optional<SaleState> state = currentState();
        if (state.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(SeedEnvelope.failure(NOT_FOUND)).build();
        }
        SaleState s = state.get();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", s.saleId());
        data.put("productName", s.productName());
        data.put("status", s.status().label());
        data.put("stockRemaining", s.stockRemaining());
        data.put("totalStock", s.totalStock());
        data.put("startTime", SeedTimes.format(s.startTime()));
        data.put("endTime", SeedTimes.format(s.endTime()));
        return Response.ok(SeedEnvelope.ok(data)).build();
    }

    @POST
    @Path("purchase")
    @Operation(summary = "Buy one unit; business outcomes are 200 with success true or false",
            description = "429 with Retry-After (success false) when the client address or the shopper has used up "
                    + "their attempts. A sale with a waiting room answers 200, success false, with a message naming "
                    + "its queue: this path holds no admission token.")
    public Response purchase(String body, @Context HttpServletRequest request) {
        String shopperId = shopperId(SeedJson.object(body).get("userIdentifier"));
        Optional<String> saleId = sales.currentSaleId();
        if (saleId.isEmpty()) {
            return badRequest(NOT_FOUND);
        }
        try {
            Receipt receipt = purchases.purchase(saleId.get(), shopperId, null, request.getRemoteAddr());
            return Response.ok(new SeedEnvelope(true, "Purchase successful!", null, receipt.purchaseId())).build();
        } catch (PurchaseRejectedException e) {
            String purchaseId = e.existing() == null ? null : e.existing().purchaseId();
            String message = e.outcome() == Outcome.ADMISSION_REQUIRED || e.outcome() == Outcome.ADMISSION_EXPIRED
                    ? SeedMessages.waitingRoom(saleId.get()) : SeedMessages.of(e.outcome());
            return Response.ok(new SeedEnvelope(false, message, null, purchaseId)).build();
        } catch (SaleNotFoundException e) {
            return badRequest(NOT_FOUND);
        } catch (StoreUnavailableException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", 1)
                    .entity(SeedEnvelope.failure(SYSTEM_ERROR)).build();
        }
    }

    @GET
    @Path("check-purchase/{userIdentifier}")
    @Operation(summary = "Whether a shopper holds a unit, from the state the decision used")
    public Response checkPurchase(@PathParam("userIdentifier") String userIdentifier) {
        String shopperId = shopperId(userIdentifier == null ? null : jsonString(userIdentifier));
        Optional<String> saleId = sales.currentSaleId();
        if (saleId.isEmpty()) {
            return badRequest(NOT_FOUND);
        }
        Optional<Receipt> receipt = purchases.purchaseOf(saleId.get(), shopperId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hasPurchased", receipt.isPresent());
        data.put("purchaseTime", receipt.map(r -> SeedTimes.format(r.purchasedAt())).orElse(null));
        return Response.ok(SeedEnvelope.ok(data)).build();
    }

    private Optional<SaleState> currentState() {
        Optional<String> saleId = sales.currentSaleId();
        try {
            return saleId.map(sales::state);
        } catch (SaleNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Applies the seed's identifier rules and messages; non-strings are refused, not crashed on. */
    static String shopperId(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            throw invalid("User identifier is required");
        }
        if (!(value instanceof JsonString text)) {
            throw invalid("Invalid user identifier format");
        }
        ShopperIds.Defect defect = ShopperIds.defectOf(text.getString());
        if (defect != null) {
            throw invalid(switch (defect) {
                case MISSING -> "User identifier is required";
                case TOO_SHORT -> "User identifier must be at least " + ShopperIds.MIN_LENGTH + " characters";
                case TOO_LONG -> "User identifier must be at most " + ShopperIds.MAX_LENGTH + " characters";
                case INVALID_FORMAT -> "Invalid user identifier format";
            });
        }
        return ShopperIds.canonical(text.getString());
    }

    private static JsonString jsonString(String value) {
        return jakarta.json.Json.createValue(value);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("userIdentifier", message);
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(SeedEnvelope.failure(message)).build();
    }
}
