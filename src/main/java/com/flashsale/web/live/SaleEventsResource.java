package com.flashsale.web.live;

import com.flashsale.sale.SaleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A Server-Sent Events stream of one sale's stock and status changes. */
@Path("v1/sales/{saleId}/events")
@ApplicationScoped
@Tag(name = "Sales")
public class SaleEventsResource {

    @Inject
    SaleService sales;

    @Inject
    LiveSales live;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live changes of one sale (text/event-stream)",
            description = "Starts with the sale's current state as a `sale` event (the body of GET /api/v1/sales/{id}),"
                    + " then one `sale` event whenever its stock or status changes. 404 for an unknown sale.")
    public void events(@PathParam("saleId") String saleId, @Context SseEventSink sink, @Context Sse sse) {
        live.watchSale(sales.state(saleId), sink, sse);
    }
}
