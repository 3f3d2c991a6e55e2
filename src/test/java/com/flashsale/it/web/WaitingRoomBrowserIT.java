package com.flashsale.it.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A sale with a waiting room in a real headless Chromium: the admin creates it in the console
 * (admission 1 per second, first come first served); four shoppers join ahead through the API; a
 * shopper joins on the sale page, sees their place fall without a reload, is admitted, sees the
 * admission's countdown and buys. The admin pauses admission in the waiting-room panel; a second
 * shopper (and one without JavaScript) waits; one of the shoppers admitted earlier buys the last
 * unit through the API, and the waiting page says "sold out" without a reload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WaitingRoomBrowserIT {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String SUFFIX = Long.toString(System.nanoTime(), 36);
    private static final String PRODUCT = "Queue console " + SUFFIX;
    private static final String SHOPPER = "wendy." + SUFFIX;
    private static final String LATE_SHOPPER = "sam." + SUFFIX;
    private static final String NO_JS_SHOPPER = "nina." + SUFFIX;
    private static final int AHEAD = 4;
    private static final By MESSAGES = By.id("messages");
    private static final By POSITION = By.cssSelector("section.queue [data-field='queue-position']");
    private static final By CLOSED = By.cssSelector("section.queue [data-field='queue-closed']");
    private static final By JOIN = By.id("join:submit");
    private static final By BUY = By.id("buy:submit");
    private static final Pattern NUMBER = Pattern.compile("You are number (\\d+)");

    private static Browser admin;
    private static Browser shopper;
    private static String saleId;
    private static final List<String> aheadTickets = new ArrayList<>();
    private static final List<String> cspViolations = new ArrayList<>();

    @BeforeAll
    static void browsers() {
        admin = Browser.start();
        shopper = Browser.start();
    }

    @AfterAll
    static void closeBrowsers() {
        if (shopper != null) {
            shopper.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    @Order(1)
    void adminCreatesASaleWithAWaitingRoom() {
        AdminLogin.signIn(admin, "/admin/sale-edit.xhtml");
        Instant start = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
        admin.type(By.id("sale:productName"), PRODUCT);
        admin.type(By.id("sale:totalStock"), "2");
        admin.setValue(By.id("sale:startTime"), LOCAL.format(start));
        admin.setValue(By.id("sale:endTime"), LOCAL.format(start.plus(1, ChronoUnit.HOURS)));
        admin.find(By.id("sale:waitingRoom")).click();
        admin.type(By.id("sale:admissionRatePerSecond"), "0");
        admin.type(By.id("sale:admissionValiditySeconds"), "600");
        assertTrue(admin.find(By.id("sale:shuffleEarlyArrivals")).isSelected(), "shuffled by default");
        admin.find(By.id("sale:shuffleEarlyArrivals")).click();
        admin.find(By.id("sale:save")).click();
        String error = admin.until(d -> d.findElement(By.cssSelector("#sale .field-error")).getText());
        assertEquals("Admission rate must be at least 1.", error);

        admin.type(By.id("sale:admissionRatePerSecond"), "1");
        admin.screenshot("admin-new-sale-waiting-room");
        admin.find(By.id("sale:save")).click();
        admin.until(d -> admin.path().startsWith("/admin/index.xhtml?sale="));
        admin.until(d -> d.findElement(MESSAGES).getText().contains("created"));
        saleId = admin.path().substring("/admin/index.xhtml?sale=".length());

        JsonObject room = Api.get("/api/v1/sales/" + saleId).json().getJsonObject("waitingRoom");
        assertNotNull(room, "the console saved a waiting room");
        assertEquals(1, room.getInt("admissionRatePerSecond"));
        assertEquals(600, room.getInt("admissionValiditySeconds"));
        assertFalse(room.getBoolean("shuffleEarlyArrivals"));
        assertTrue(admin.find(By.cssSelector("#sales tr[data-sale-id='" + saleId + "']")).getText().contains("Waiting room"));

        for (int i = 0; i < AHEAD; i++) {
            Reply joined = Api.post("/api/v1/sales/" + saleId + "/queue", Api.purchaseJson("ahead" + i + "." + SUFFIX));
            assertEquals(200, joined.status(), joined::toString);
            aheadTickets.add(joined.json().getString("ticket"));
        }
        cspViolations.addAll(admin.cspViolations());
    }

    @Test
    @Order(2)
    void shopperJoinsSeesThePlaceFallIsAdmittedAndBuys() {
        shopper.open("/sale.xhtml?id=" + saleId);
        assertTrue(shopper.driver().findElements(BUY).isEmpty(), "no Buy form before joining the line");
        shopper.type(By.id("join:identifier"), SHOPPER);
        shopper.find(JOIN).click();
        String first = shopper.until(d -> {
            String text = d.findElement(POSITION).getText();
            return text.startsWith("You are number") ? text : null;
        });
        int joinedAt = position(first);
        assertTrue(joinedAt >= 2 && joinedAt <= AHEAD + 1, first);
        shopper.screenshot("shop-waiting-room-in-line");
        shopper.markDocument();

        // Watch the live region until the page turns into the Buy form: every place shown while the
        // document is the same one (no reload) is recorded.
        List<Integer> seen = new ArrayList<>();
        seen.add(joinedAt);
        shopper.until(Duration.ofSeconds(90), d -> {
            Object read = ((JavascriptExecutor) d).executeScript(
                    "var p = document.querySelector(\"section.queue [data-field='queue-position']\");"
                            + "return [document.documentElement.dataset.testMark || '', p ? p.textContent : ''];");
            List<?> pair = (List<?>) read;
            Matcher m = NUMBER.matcher(String.valueOf(pair.get(1)));
            if ("kept".equals(pair.get(0)) && m.find()) {
                int now = Integer.parseInt(m.group(1));
                if (now != seen.get(seen.size() - 1)) {
                    seen.add(now);
                }
            }
            return !d.findElements(BUY).isEmpty();
        });
        System.out.println("WaitingRoomBrowserIT: places shown without a reload: " + seen);
        assertTrue(seen.size() >= 2, "the place fell on the page without a reload: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) < seen.get(i - 1), "the place only falls: " + seen);
        }
        assertTrue(shopper.text(By.cssSelector("[data-field='admission-countdown']")).startsWith("Your turn! Buy within"));
        String countdown = shopper.text(By.cssSelector("[data-field='admission-countdown']"));
        shopper.until(d -> !d.findElement(By.cssSelector("[data-field='admission-countdown']")).getText().equals(countdown));
        assertTrue(shopper.find(BUY).isEnabled());
        shopper.screenshot("shop-waiting-room-admitted");

        shopper.find(BUY).click();
        String message = shopper.until(d -> {
            String text = d.findElement(MESSAGES).getText();
            return text.contains("You bought it!") ? text : null;
        });
        String receipt = Api.get("/api/v1/sales/" + saleId + "/purchases/" + SHOPPER).json().getString("purchaseId");
        assertTrue(message.contains(receipt), message);
        assertEquals(1, Api.get("/api/v1/sales/" + saleId).json().getInt("stockRemaining"));
        cspViolations.addAll(shopper.cspViolations());
    }

    @Test
    @Order(3)
    void adminSeesTheCountersAndPausesAdmission() {
        admin.open("/admin/queue.xhtml?id=" + saleId);
        String stats = admin.text(By.id("queue-stats"));
        assertEquals("1", admin.text(By.cssSelector("[data-field='bought']")), stats);
        assertEquals(AHEAD + 1, Integer.parseInt(admin.text(By.cssSelector("[data-field='admitted']"))), stats);
        assertEquals("0", admin.text(By.cssSelector("[data-field='waiting']")), stats);
        assertEquals("1", admin.text(By.cssSelector("[data-field='rate-set']")), stats);
        assertEquals("running", admin.text(By.id("admission-state")));
        admin.screenshot("admin-waiting-room");

        admin.find(By.id("admission:pause")).click();
        admin.until(d -> d.findElement(MESSAGES).getText().contains("Admission paused"));
        assertEquals("paused", admin.text(By.id("admission-state")));
        assertTrue(Api.get("/api/v1/sales/" + saleId).json().getJsonObject("waitingRoom").getBoolean("paused"));

        admin.type(By.id("admission:rate"), "3");
        admin.find(By.id("admission:setRate")).click();
        admin.until(d -> d.findElement(MESSAGES).getText().contains("Admission rate set to 3"));
        assertEquals("3", admin.text(By.cssSelector("[data-field='rate-set']")));
        assertEquals(3, Api.get("/api/v1/sales/" + saleId).json().getJsonObject("waitingRoom")
                .getInt("admissionRatePerSecond"));
        cspViolations.addAll(admin.cspViolations());
    }

    @Test
    @Order(4)
    void aWaitingShopperIsToldTheSaleSoldOutWithoutReloading() {
        try (Browser late = Browser.start(); Browser plain = Browser.startWithoutJavaScript()) {
            late.open("/sale.xhtml?id=" + saleId);
            late.type(By.id("join:identifier"), LATE_SHOPPER);
            late.find(JOIN).click();
            String text = late.until(d -> {
                String t = d.findElement(POSITION).getText();
                return t.startsWith("You are number") ? t : null;
            });
            assertEquals("You are number 1. Admission is paused for the moment.", text);
            late.markDocument();

            // without JavaScript: the plain form post joins, and the page shows the place and reloads itself
            plain.open("/sale.xhtml?id=" + saleId);
            plain.type(By.id("join:identifier"), NO_JS_SHOPPER);
            plain.find(JOIN).click();
            plain.until(d -> d.findElement(POSITION).getText().startsWith("You are number 2"));
            assertEquals("/sale.xhtml?id=" + saleId, plain.path(), "Post-Redirect-Get");
            assertFalse(plain.driver().findElements(By.cssSelector("meta[http-equiv='refresh']")).isEmpty(),
                    "a page without script reloads itself while waiting");
            assertTrue(plain.find(By.linkText("Refresh")).isDisplayed());
            plain.screenshot("shop-waiting-room-no-js");

            // a plain HTTP GET as the remembered shopper shows the place too
            Reply page = Api.send(Api.request("/sale.xhtml?id=" + saleId)
                    .header("Cookie", "flashsale_shopper=" + LATE_SHOPPER).GET());
            assertEquals(200, page.status());
            assertTrue(page.body().contains("You are number 1."), page.body());
            assertTrue(page.body().contains("http-equiv=\"refresh\""), page.body());

            // one of those admitted earlier buys the last unit with their admission token
            JsonObject ticket = Api.get("/api/v1/sales/" + saleId + "/queue/" + aheadTickets.get(0)).json();
            assertEquals("admitted", ticket.getString("status"));
            Reply bought = Api.send(Api.request("/api/v1/sales/" + saleId + "/purchases")
                    .header("Content-Type", "application/json")
                    .header("Admission-Token", ticket.getString("admissionToken"))
                    .POST(HttpRequest.BodyPublishers.ofString(Api.purchaseJson("ahead0." + SUFFIX))));
            assertEquals(201, bought.status(), bought::toString);
            long soldOutAt = System.nanoTime();

            String closed = late.until(Duration.ofSeconds(10), d -> {
                String t = d.findElement(CLOSED).getText();
                return t.isEmpty() ? null : t;
            });
            long millis = (System.nanoTime() - soldOutAt) / 1_000_000;
            assertEquals("Sorry, sold out: every unit was sold while you were waiting.", closed);
            assertTrue(late.documentStillMarked(), "told without a reload");
            assertTrue(millis < 5_000, "told within 5 s: " + millis + " ms");
            assertTrue(late.find(POSITION).getText().isEmpty());
            assertFalse(late.find(By.cssSelector("[data-field='queue-refresh']")).isDisplayed(), "nothing left to wait for");
            late.screenshot("shop-waiting-room-sold-out");
            cspViolations.addAll(late.cspViolations());

            plain.open("/sale.xhtml?id=" + saleId);
            assertEquals("Sorry, sold out: every unit was sold while you were waiting.", plain.text(CLOSED));
            assertTrue(plain.driver().findElements(By.cssSelector("meta[http-equiv='refresh']")).isEmpty());
        }
    }

    @Test
    @Order(5)
    void theAdminPanelCountsBothPurchasesByAdmittedShoppers() {
        admin.open("/admin/queue.xhtml?id=" + saleId);
        assertEquals("2", admin.text(By.cssSelector("[data-field='bought']")), admin.text(By.id("queue-stats")));
        String measured = admin.text(By.cssSelector("[data-field='rate-measured']"));
        assertTrue(measured.matches("\\d+\\.\\d"), "measured once the panel has been open a while: " + measured);
        assertEquals("Sold out", admin.text(By.cssSelector("main .badge")));
    }

    @Test
    @Order(6)
    void noPageBrokeTheContentSecurityPolicy() {
        assertEquals(List.of(), cspViolations);
    }

    private static int position(String text) {
        Matcher m = NUMBER.matcher(text);
        assertTrue(m.find(), text);
        return Integer.parseInt(m.group(1));
    }
}
