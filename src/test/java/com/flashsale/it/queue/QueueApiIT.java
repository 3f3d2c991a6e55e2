package com.flashsale.it.queue;

import static com.flashsale.it.harness.Problems.assertProblem;
import static com.flashsale.it.queue.Queues.admission;
import static com.flashsale.it.queue.Queues.awaitToken;
import static com.flashsale.it.queue.Queues.buy;
import static com.flashsale.it.queue.Queues.counters;
import static com.flashsale.it.queue.Queues.createSale;
import static com.flashsale.it.queue.Queues.follow;
import static com.flashsale.it.queue.Queues.followed;
import static com.flashsale.it.queue.Queues.join;
import static com.flashsale.it.queue.Queues.joined;
import static com.flashsale.it.queue.Queues.path;
import static com.flashsale.it.queue.Queues.pausedOpenSale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The waiting room's API on the running server: join, follow, joining again; its refusals; the
 * admission token on the purchase (forged, expired, replayed, another shopper's, another sale's);
 * the seed path; the admin counters and live admission changes, and that only the admin reaches them.
 */
class QueueApiIT {

    private static final Instant PAST = Instant.now().minus(Duration.ofMinutes(5));
    private static final Instant FUTURE = Instant.now().plus(Duration.ofHours(2));

    private static String shopper(String name) {
        return "q-" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** An open sale admitting fast (1,000/s): a shopper who joins is admitted within a step. */
    private static String fastSale(int stock) {
        return createSale("Queue fast " + stock, stock, PAST, FUTURE, 1000, 60, true);
    }

    private static int stock(String sale) {
        return Api.get("/api/v1/sales/" + sale).json().getInt("stockRemaining");
    }

    // join and follow ------------------------------------------------------------------------

    @Test
    void joinAnswersATicketWithItsPlaceAndJoiningAgainTheSameTicket() {
        String sale = pausedOpenSale("Queue join", 5, 10, 60);
        String alice = shopper("alice");
        String bob = shopper("bob");

        JsonObject a = joined(sale, alice);
        JsonObject b = joined(sale, bob);
        JsonObject again = joined(sale, alice.toUpperCase()); // identifiers are case-insensitive

        assertEquals("waiting", a.getString("status"));
        assertEquals(sale, a.getString("saleId"));
        assertEquals(1, a.getInt("position"));
        assertEquals(2, b.getInt("position"));
        assertEquals(2, b.getInt("waiting"));
        assertTrue(Queues.absent(a, "estimatedWaitSeconds"), "no estimate while paused: " + a);
        assertTrue(a.getBoolean("paused"));
        assertTrue(Queues.absent(a, "admissionToken"));
        assertNotEquals(a.getString("ticket"), b.getString("ticket"));
        assertEquals(a.getString("ticket"), again.getString("ticket"), "joining again: the same ticket");
        assertEquals(1, again.getInt("position"), "and the same place");

        JsonObject f = followed(sale, a.getString("ticket"));
        assertEquals("waiting", f.getString("status"));
        assertEquals(1, f.getInt("position"));
        assertEquals(a.getString("ticket"), f.getString("ticket"));
        assertEquals("no-store", Api.get(path(sale) + "/" + a.getString("ticket")).header("Cache-Control"));

        JsonObject c = counters(sale);
        assertEquals(2, c.getInt("waiting"));
        assertEquals(2, c.getInt("joined"), "joining again is not another join: " + c);
    }

    @Test
    void anEstimateFollowsThePlaceAndTheRate() {
        String sale = pausedOpenSale("Queue estimate", 5, 10, 60);
        for (int i = 0; i < 25; i++) {
            joined(sale, shopper("e" + i));
        }
        String last = joined(sale, shopper("last")).getString("ticket");
        admission(sale, "{\"admissionRatePerSecond\":5}"); // still paused
        assertTrue(Queues.absent(followed(sale, last), "estimatedWaitSeconds"));

        admission(sale, "{\"paused\":false}");
        JsonObject t = followed(sale, last);
        if ("waiting".equals(t.getString("status"))) { // not admitted yet: place 26 or a few less, at 5/s
            long expected = (t.getInt("position") + 4) / 5;
            assertEquals(expected, t.getJsonNumber("estimatedWaitSeconds").longValue(), t.toString());
            assertEquals(5, t.getInt("admissionRatePerSecond"));
            assertFalse(t.getBoolean("paused"));
        }
    }

    @Test
    void anEarlyArrivalOfAShuffledSaleHasNoPositionUntilTheOpening() {
        Instant start = Instant.now().plusSeconds(600);
        String sale = createSale("Queue early", 5, start, start.plusSeconds(3600), 10, 60, true);
        String fifo = createSale("Queue early fifo", 5, start, start.plusSeconds(3600), 10, 60, false);

        JsonObject t = joined(sale, shopper("early"));
        joined(fifo, shopper("first"));
        JsonObject second = joined(fifo, shopper("second"));

        assertEquals("early", t.getString("status"));
        assertTrue(Queues.absent(t, "position"), t.toString());
        assertTrue(t.getJsonNumber("estimatedWaitSeconds").longValue() >= 590, "waits for the opening: " + t);
        assertEquals(start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), Instant.parse(t.getString("opensAt")));
        assertEquals("early", second.getString("status"));
        assertEquals(2, second.getInt("position"), "a sale that keeps join order shows it: " + second);
    }

    // refusals -------------------------------------------------------------------------------

    @Test
    void joinRefusalsAreConflictsWithTheirOwnTypes() {
        String plain = Api.createSale("Queue none", 5, PAST, FUTURE);
        assertProblem(409, "/problems/no-waiting-room", join(plain, shopper("a")));
        assertProblem(409, "/problems/no-waiting-room", Api.getAsAdmin(path(plain)));

        Instant later = Instant.now().plus(Duration.ofHours(1)); // joining opens 15 minutes before the start
        String upcoming = createSale("Queue later", 5, later, later.plusSeconds(60), 10, 60, true);
        Reply notOpen = join(upcoming, shopper("a"));
        assertProblem(409, "/problems/queue-not-open", notOpen);
        assertTrue(notOpen.json().getString("detail").contains(later.minusSeconds(900).toString().substring(0, 16)),
                notOpen.toString());

        String ended = createSale("Queue over", 5, PAST.minusSeconds(600), PAST, 10, 60, true);
        assertProblem(409, "/problems/sale-ended", join(ended, shopper("a")));

        String cancelled = fastSale(5);
        assertEquals("cancelled", Api.deleteAsAdmin("/api/v1/sales/" + cancelled).json().getString("status"));
        assertProblem(409, "/problems/sale-cancelled", join(cancelled, shopper("a")));

        assertProblem(404, "/problems/sale-not-found", join("65f0000000000000000fffff", shopper("a")));
        assertProblem(400, "/problems/validation", Api.post(path(fastSale(1)), "{}"));
        assertProblem(400, "/problems/validation", join(fastSale(1), "x"));
    }

    @Test
    void anUnknownOrForgedTicketIsNotFound() {
        String sale = pausedOpenSale("Queue tickets", 5, 10, 60);
        String other = pausedOpenSale("Queue tickets other", 5, 10, 60);
        String ticket = joined(sale, shopper("alice")).getString("ticket");
        String name = ticket.substring(0, ticket.indexOf('.'));

        assertProblem(404, "/problems/ticket-not-found", follow(sale, "not-a-ticket"));
        assertProblem(404, "/problems/ticket-not-found", follow(sale, name + ".AAAAAAAAAAAAAAAAAAAAAA"));
        assertProblem(404, "/problems/ticket-not-found", follow(other, ticket));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("someone@example.com".getBytes())
                + ticket.substring(ticket.indexOf('.'));
        assertProblem(404, "/problems/ticket-not-found", follow(sale, forged));
        assertEquals(200, follow(sale, ticket).status());
    }

    // the admission token on the purchase ------------------------------------------------------

    @Test
    void anAdmittedShopperBuysOnceWithTheirOwnToken() throws Exception {
        String sale = fastSale(2);
        String alice = shopper("alice");
        String bob = shopper("bob");
        String aliceTicket = joined(sale, alice).getString("ticket");
        String bobTicket = joined(sale, bob).getString("ticket");
        String aliceToken = awaitToken(sale, aliceTicket, Duration.ofSeconds(10));
        String bobToken = awaitToken(sale, bobTicket, Duration.ofSeconds(10));
        JsonObject admitted = followed(sale, aliceTicket);
        assertTrue(Instant.parse(admitted.getString("admittedUntil")).isAfter(Instant.now().plusSeconds(40)),
                admitted.toString());

        assertProblem(403, "/problems/admission-required", buy(sale, alice, null));
        assertProblem(403, "/problems/admission-required", buy(sale, alice, "forged.token"));
        assertProblem(403, "/problems/admission-required", buy(sale, alice, flipLast(aliceToken)));
        assertProblem(403, "/problems/admission-required", buy(sale, alice, flipMiddle(aliceToken)));
        assertProblem(403, "/problems/admission-required", buy(sale, alice, bobToken));
        assertProblem(403, "/problems/admission-required", buy(sale, bob, aliceToken));
        assertEquals(2, stock(sale), "no refusal sold anything");

        Reply bought = buy(sale, alice, aliceToken);
        assertEquals(201, bought.status(), bought.toString());
        assertEquals("purchased", followed(sale, aliceTicket).getString("status"));
        Reply replayed = buy(sale, alice, aliceToken);
        assertProblem(409, "/problems/already-purchased", replayed);
        assertEquals(bought.purchaseId(), replayed.purchaseId());
        assertEquals(1, stock(sale), "the replay sold nothing");
        assertProblem(409, "/problems/already-purchased", join(sale, alice));

        assertEquals(201, buy(sale, bob, bobToken).status());
        assertEquals(0, stock(sale));
        assertProblem(409, "/problems/sold-out", join(sale, shopper("carol")));
        JsonObject c = counters(sale);
        assertEquals(2, c.getInt("bought"), c.toString());
        assertEquals(2, c.getInt("admitted"), c.toString());
        assertEquals(0, c.getInt("admittedNow"), c.toString());
    }

    @Test
    void aSpentTokenCannotBuyForAnotherShopperOrAgainAfterItsPurchase() throws Exception {
        String sale = fastSale(5);
        String alice = shopper("alice");
        String token = awaitToken(sale, joined(sale, alice).getString("ticket"), Duration.ofSeconds(10));
        assertEquals(201, buy(sale, alice, token).status());

        for (String other : List.of(shopper("bob"), shopper("carol"))) {
            assertProblem(403, "/problems/admission-required", buy(sale, other, token));
        }
        assertEquals(4, stock(sale));
    }

    @Test
    void aTokenOfAnotherSaleBuysNothing() throws Exception {
        String first = fastSale(5);
        String second = fastSale(5);
        String alice = shopper("alice");
        String firstToken = awaitToken(first, joined(first, alice).getString("ticket"), Duration.ofSeconds(10));
        String secondToken = awaitToken(second, joined(second, alice).getString("ticket"), Duration.ofSeconds(10));

        assertProblem(403, "/problems/admission-required", buy(second, alice, firstToken));
        assertProblem(403, "/problems/admission-required", buy(first, alice, secondToken));
        assertEquals(5, stock(first));
        assertEquals(201, buy(second, alice, secondToken).status());
        assertEquals(201, buy(first, alice, firstToken).status(), "refusals spent nothing");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() throws Exception {
        String sale = pausedOpenSale("Queue expiry", 5, 10, 60);
        String alice = shopper("alice");
        String ticket = joined(sale, alice).getString("ticket");
        long expires;
        try (UnifiedJedis redis = Stores.redis()) {
            // an admission that expires in 1.5 s, put in place as the admitter would (the shortest a sale allows is 10 s)
            List<?> time = (List<?>) redis.eval("return redis.call('TIME')");
            expires = Long.parseLong((String) time.get(0)) * 1000 + Long.parseLong((String) time.get(1)) / 1000 + 1500;
            redis.zrem(Queues.lineKey(sale), alice);
            redis.hset(Queues.admittedKey(sale), alice, "424242:" + expires);
            redis.zadd(Queues.expiryKey(sale), expires, alice);
        }
        JsonObject admitted = followed(sale, ticket);
        assertEquals("admitted", admitted.getString("status"), admitted.toString());
        String token = admitted.getString("admissionToken");
        assertEquals(Instant.ofEpochMilli(expires), Instant.parse(admitted.getString("admittedUntil")));

        Thread.sleep(1_700);

        assertProblem(403, "/problems/admission-expired", buy(sale, alice, token));
        assertEquals(5, stock(sale));
        JsonObject after = followed(sale, ticket);
        assertEquals("not_in_line", after.getString("status"), after.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (counters(sale).getInt("expired") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, counters(sale).getInt("expired"), "the admitter swept it, counted as expired");
        assertProblem(403, "/problems/admission-expired", buy(sale, alice, token)); // swept: still expired
        JsonObject rejoined = joined(sale, alice);
        assertEquals("waiting", rejoined.getString("status"), "an expired shopper may queue again, at the back");
    }

    @Test
    void theSeedPathNamesTheQueueOfASaleWithAWaitingRoom() {
        String sale = fastSale(5); // the newest sale is the seed path's current sale
        Reply r = Api.post("/api/flash-sale/purchase", Api.purchaseJson(shopper("seed")));

        assertEquals(200, r.status(), r.toString());
        assertFalse(r.json().getBoolean("success"));
        assertTrue(r.json().getString("message").contains("/api/v1/sales/" + sale + "/queue"), r.toString());
        assertEquals(5, stock(sale));
    }

    // admin ----------------------------------------------------------------------------------

    @Test
    void theAdminSeesTheCountersAndPausesResumesAndChangesTheRateLive() throws Exception {
        String sale = pausedOpenSale("Queue admin", 100, 10, 60);
        List<String> tickets = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            tickets.add(joined(sale, shopper("adm" + i)).getString("ticket"));
        }
        JsonObject c = counters(sale);
        assertEquals(30, c.getInt("waiting"));
        assertEquals(30, c.getInt("joined"));
        assertEquals(0, c.getInt("admitted"));

        JsonObject room = admission(sale, "{\"admissionRatePerSecond\":200}").json();
        assertEquals(200, room.getInt("admissionRatePerSecond"));
        assertTrue(room.getBoolean("paused"), "the rate changed, the pause kept: " + room);
        assertEquals(200, followed(sale, tickets.get(0)).getInt("admissionRatePerSecond"));
        assertEquals(200, Api.get("/api/v1/sales/" + sale).json().getJsonObject("waitingRoom")
                .getInt("admissionRatePerSecond"), "the durable record changed too");
        Thread.sleep(600);
        assertEquals(0, counters(sale).getInt("admitted"), "nobody admitted while paused");

        assertFalse(admission(sale, "{\"paused\":false}").json().getBoolean("paused"));
        awaitAdmitted(sale, 30);
        assertEquals("admitted", followed(sale, tickets.get(29)).getString("status"));

        admission(sale, "{\"paused\":true}");
        Thread.sleep(300); // a step already under way when the pause landed
        for (int i = 0; i < 10; i++) {
            joined(sale, shopper("late" + i));
        }
        Thread.sleep(600);
        c = counters(sale);
        assertEquals(30, c.getInt("admitted"), "paused again: " + c);
        assertEquals(10, c.getInt("waiting"));
        assertEquals(30, c.getInt("admittedNow"));
        admission(sale, "{\"paused\":false}");
        awaitAdmitted(sale, 40);

        assertProblem(400, "/problems/validation", Api.putAsAdmin(path(sale) + "/admission",
                "{\"admissionRatePerSecond\":0}"));
        assertProblem(400, "/problems/validation", Api.putAsAdmin(path(sale) + "/admission",
                "{\"admissionRatePerSecond\":10001}"));
        assertProblem(400, "/problems/validation", Api.putAsAdmin(path(sale) + "/admission", "{\"paused\":\"yes\"}"));
        assertProblem(400, "/problems/validation", Api.putAsAdmin(path(sale) + "/admission",
                "{\"admissionRatePerSecond\":2.5}"));
    }

    @Test
    void onlyTheAdminReachesTheCountersAndTheAdmission() {
        String sale = pausedOpenSale("Queue guarded", 5, 10, 60);
        String body = "{\"paused\":false}";
        List<HttpRequest.Builder> requests = List.of(
                Api.request(path(sale)).GET(),
                Api.request(path(sale)).header("Authorization", Api.basic("admin", "not-the-password")).GET(),
                Api.request(path(sale)).header("Authorization", Api.basic("alice@example.com", "alice")).GET(),
                Api.request(path(sale) + "/admission").header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)),
                Api.request(path(sale) + "/admission").header("Content-Type", "application/json")
                        .header("Authorization", Api.basic("admin", "not-the-password"))
                        .PUT(HttpRequest.BodyPublishers.ofString(body)),
                Api.request(path(sale) + "/admission").header("Content-Type", "application/json")
                        .header("Authorization", Api.basic("alice@example.com", "alice"))
                        .PUT(HttpRequest.BodyPublishers.ofString(body)));
        for (HttpRequest.Builder request : requests) {
            Reply r = Api.send(request);
            assertTrue(r.status() == 401 || r.status() == 403, r.toString());
        }
        assertTrue(Api.get("/api/v1/sales/" + sale).json().getJsonObject("waitingRoom").getBoolean("paused"),
                "still paused");
    }

    private static void awaitAdmitted(String sale, int admitted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonObject c = counters(sale);
        while (c.getInt("admitted") < admitted && System.nanoTime() < deadline) {
            Thread.sleep(50);
            c = counters(sale);
        }
        assertEquals(admitted, c.getInt("admitted"), c.toString());
    }

    /** The token with a character of its mac changed: the same payload, a mac that no longer holds. */
    private static String flipMiddle(String token) {
        int at = token.length() - 10;
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    /** The token with its last character changed (only base64's unused bits for a 16-byte mac): another spelling. */
    private static String flipLast(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
