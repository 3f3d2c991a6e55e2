package com.flashsale.web.live;

import com.flashsale.queue.QueueService;
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

/** A Server-Sent Events stream of one waiting-room ticket: its place in line, then the moment of admission. */
@Path("v1/sales/{saleId}/queue/{ticket}/events")
@ApplicationScoped
@Tag(name = "Waiting room")
public class TicketEventsResource {

    @Inject
    QueueService queue;

    @Inject
    LiveTickets live;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live place in line of one ticket (text/event-stream)",
            description = "Starts with the ticket as GET /api/v1/sales/{id}/queue/{ticket} answers it, as a `ticket` "
                    + "event, then one `ticket` event when its position changes (at most every second near the head, "
                    + "every 10 s far back). Ends after the event that leaves the line: admitted (with admissionToken "
                    + "and admittedUntil), purchased, not_in_line, sold_out, ended or cancelled. 404 ticket-not-found.")
    public void events(@PathParam("saleId") String saleId, @PathParam("ticket") String ticket,
                       @Context SseEventSink sink, @Context Sse sse) {
        live.watch(queue.follow(saleId, ticket), sink, sse);
    }
}
