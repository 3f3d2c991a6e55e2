package com.flashsale.queue;

import com.flashsale.InvalidRequestException;
import com.flashsale.StrictJson;
import com.flashsale.purchase.PurchaseRequest;
import com.flashsale.sale.WaitingRoom;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A sale's waiting room: shoppers join and follow their place; the admin watches and steers admission. */
@Path("v1/sales/{saleId}/queue")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Waiting room")
public class QueueResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    @Inject
    QueueService queue;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Join the sale's waiting line",
            description = "200 with a ticket: its status, position and estimated wait. Joining again returns the "
                    + "same ticket and place. Arrivals before the opening of a sale that shuffles are put in a uniformly "
                    + "random order at the opening (position null until then). 409: no-waiting-room, queue-not-open, "
                    + "sold-out, sale-ended, sale-cancelled, already-purchased. 429 rate-limited: a join takes a token from "
                    + "the client address's budget in this sale, the one purchase attempts take from.")
    public Response join(@PathParam("saleId") String saleId, String body, @Context HttpServletRequest request) {
        Ticket ticket = queue.join(saleId, PurchaseRequest.read(StrictJson.object(body, false)).userIdentifier(),
                request.getRemoteAddr());
        return Response.ok(ticket).cacheControl(NO_STORE).build();
    }

    @GET
    @Path("{ticket}")
    @Operation(summary = "Follow a ticket: status, position, estimated wait; the admission token once admitted",
            description = "Once admitted, buy with the admissionToken in the Admission-Token header before "
                    + "admittedUntil. 404 ticket-not-found for a ticket that is not this sale's.")
    public Response follow(@PathParam("saleId") String saleId, @PathParam("ticket") String ticket) {
        return Response.ok(queue.follow(saleId, ticket)).cacheControl(NO_STORE).build();
    }

    @GET
    @RolesAllowed("admin")
    @SecurityRequirement(name = "admin")
    @Operation(summary = "The waiting room's counters: waiting, admitted now, joined, admitted, bought, expired")
    public QueueCounters counters(@PathParam("saleId") String saleId) {
        return queue.counters(saleId);
    }

    @PUT
    @Path("admission")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = "admin")
    @Operation(summary = "Change the admission rate or pause admission, live",
            description = "Body {admissionRatePerSecond?, paused?}; answers the waiting room as it now is.")
    public WaitingRoom admission(@PathParam("saleId") String saleId, String body) {
        JsonObject json = StrictJson.object(body, false);
        Integer rate = null;
        JsonValue rateValue = json.get("admissionRatePerSecond");
        if (rateValue != null && rateValue != JsonValue.NULL) {
            if (!(rateValue instanceof JsonNumber n) || !n.isIntegral()) {
                throw new InvalidRequestException("admissionRatePerSecond", "admissionRatePerSecond must be a whole number");
            }
            rate = n.bigDecimalValue().max(BigDecimal.ZERO).min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue();
        }
        Boolean paused = null;
        JsonValue pausedValue = json.get("paused");
        if (pausedValue == JsonValue.TRUE || pausedValue == JsonValue.FALSE) {
            paused = pausedValue == JsonValue.TRUE;
        } else if (pausedValue != null && pausedValue != JsonValue.NULL) {
            throw new InvalidRequestException("paused", "paused must be true or false");
        }
        return queue.setAdmission(saleId, rate, paused);
    }
}
