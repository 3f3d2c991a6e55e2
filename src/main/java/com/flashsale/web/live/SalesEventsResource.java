package com.flashsale.web.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A Server-Sent Events stream of every sale's changes and of the purchase rate. */
@Path("v1/sales/events")
@ApplicationScoped
@Tag(name = "Sales")
public class SalesEventsResource {

    @Inject
    LiveSales live;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live changes of every sale (text/event-stream)",
            description = "A `rate` event {purchasesPerSecond} first and whenever it changes, and a `sale` event"
                    + " whenever a sale's stock or status changes.")
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        live.watchAll(sink, sse);
    }
}
