package com.flashsale.it.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;

/**
 * The sale-morning story in a real headless Chromium: an admin creates a sale; a shopper watches
 * it count down and open; buys and sees the receipt; a second tab sees the stock drop without a
 * reload; a second buy says "already bought"; a shopper without JavaScript buys by plain form
 * post; the admin dashboard shows the sale and the purchases.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopAndAdminIT {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String SUFFIX = Long.toString(System.nanoTime(), 36);
    private static final String PRODUCT = "Browser lamp " + SUFFIX;
    private static final String SHOPPER = "ann." + SUFFIX + "@example.com";
    private static final String NO_JS_SHOPPER = "bob." + SUFFIX;
    private static final By MESSAGES = By.id("messages");
    private static final By STOCK = By.cssSelector("[data-sale-id] [data-field='stockRemaining']");
    private static final By BADGE = By.cssSelector("[data-sale-id] [data-field='status']");
    private static final By COUNTDOWN = By.cssSelector("[data-sale-id] [data-field='countdown']");
    private static final By BUY = By.id("buy:submit");

    private static Browser admin;
    private static Browser shopper;
    private static String saleId;
    private static String firstTab;
    private static String secondTab;
    private static String receiptId;
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
    void adminLogsInAndCreatesASale() {
        AdminLogin.signIn(admin, "/admin/sale-edit.xhtml");
        assertEquals("/admin/sale-edit.xhtml", admin.path(), "back on the page that asked for the login");

        admin.type(By.id("sale:productName"), " ");
        admin.find(By.id("sale:save")).click();
        assertEquals("Product name is required.",
                admin.until(d -> d.findElement(By.cssSelector("#sale .field-error")).getText()));

        Instant start = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        admin.type(By.id("sale:productName"), PRODUCT);
        admin.type(By.id("sale:totalStock"), "3");
        admin.setValue(By.id("sale:startTime"), LOCAL.format(start));
        admin.setValue(By.id("sale:endTime"), LOCAL.format(start.plus(1, ChronoUnit.HOURS)));
        admin.screenshot("admin-new-sale");
        admin.find(By.id("sale:save")).click();

        admin.until(d -> admin.path().startsWith("/admin/index.xhtml?sale="));
        // The new URL can be current before the page's body is parsed: wait for the message itself
        // (a message lost in the redirect still fails, after the wait).
        assertTrue(waitForText(admin, MESSAGES, "created"), admin.text(MESSAGES));
        saleId = admin.path().substring("/admin/index.xhtml?sale=".length());
        assertTrue(admin.text(By.id("sales")).contains(PRODUCT));
        cspViolations.addAll(admin.cspViolations());
    }

    @Test
    @Order(2)
    void shopperSeesTheSaleCountDownThenOpenWithoutReloading() {
        shopper.open("/sale.xhtml?id=" + saleId);
        firstTab = shopper.driver().getWindowHandle();
        assertEquals("Upcoming", shopper.text(BADGE));
        assertFalse(shopper.find(BUY).isEnabled(), "no buying before the start");
        String countdown = shopper.text(COUNTDOWN);
        assertTrue(countdown.startsWith("Starts in"), countdown);
        shopper.until(d -> !d.findElement(COUNTDOWN).getText().equals(countdown));
        shopper.markDocument();
        shopper.screenshot("shop-sale-countdown");

        shopper.until(Duration.ofSeconds(60), d -> "On sale now".equals(d.findElement(BADGE).getText()));
        shopper.until(d -> d.findElement(BUY).isEnabled());
        assertTrue(shopper.text(COUNTDOWN).startsWith("Ends in"), shopper.text(COUNTDOWN));
        assertTrue(shopper.documentStillMarked(), "the page changed in place");
    }

    @Test
    @Order(3)
    void shopperBuysAndSeesTheReceipt() {
        shopper.driver().switchTo().newWindow(WindowType.TAB);
        shopper.open("/sale.xhtml?id=" + saleId);
        secondTab = shopper.driver().getWindowHandle();
        assertEquals("3", shopper.text(STOCK));
        shopper.markDocument();

        shopper.driver().switchTo().window(firstTab);
        shopper.type(By.id("buy:identifier"), SHOPPER);
        shopper.find(BUY).click();
        String message = shopper.until(d -> {
            String text = d.findElement(MESSAGES).getText();
            return text.contains("You bought it!") ? text : null;
        });
        receiptId = Api.get("/api/v1/sales/" + saleId + "/purchases/" + SHOPPER).json().getString("purchaseId");
        assertTrue(message.contains(receiptId), message);
        shopper.screenshot("shop-sale-bought");
    }

    @Test
    @Order(4)
    void secondTabSeesTheStockDropWithoutReloading() {
        shopper.driver().switchTo().window(secondTab);
        shopper.until(d -> "2".equals(d.findElement(STOCK).getText()));
        assertTrue(shopper.documentStillMarked(), "no reload");
        assertEquals("2", shopper.find(By.cssSelector("[data-sale-id] progress")).getAttribute("value"));
    }

    @Test
    @Order(5)
    void aSecondBuySaysAlreadyBought() {
        shopper.driver().switchTo().window(firstTab);
        shopper.until(d -> d.findElement(BUY).isEnabled());
        assertEquals(SHOPPER, shopper.find(By.id("buy:identifier")).getAttribute("value"));
        shopper.find(BUY).click();
        String message = shopper.until(d -> {
            String text = d.findElement(MESSAGES).getText();
            return text.contains("already bought") ? text : null;
        });
        assertTrue(message.contains(receiptId), message);
        assertEquals("2", shopper.text(STOCK));
        cspViolations.addAll(shopper.cspViolations());
    }

    @Test
    @Order(6)
    void withoutJavaScriptThePlainFormPostBuysAndRedirects() {
        try (Browser plain = Browser.startWithoutJavaScript()) {
            plain.open("/sale.xhtml?id=" + saleId);
            plain.type(By.id("buy:identifier"), "x");
            plain.find(BUY).click();
            assertTrue(plain.text(By.cssSelector("#buy .field-error")).contains("at least 3 characters"));

            plain.type(By.id("buy:identifier"), NO_JS_SHOPPER);
            plain.find(BUY).click();
            plain.until(d -> d.findElement(MESSAGES).getText().contains("You bought it!"));
            assertEquals("/sale.xhtml?id=" + saleId, plain.path(), "Post-Redirect-Get");
            assertEquals("1", plain.text(STOCK));
            assertEquals(NO_JS_SHOPPER, plain.find(By.id("buy:identifier")).getAttribute("value"), "remembered");

            plain.find(BUY).click();
            plain.until(d -> d.findElement(MESSAGES).getText().contains("already bought"));

            plain.open("/my-purchases.xhtml?shopper=" + NO_JS_SHOPPER);
            assertTrue(plain.text(By.cssSelector("table")).contains(PRODUCT));
        }
    }

    @Test
    @Order(7)
    void homePageListsTheSaleWithItsStock() {
        shopper.open("/");
        By card = By.cssSelector("[data-sale-id='" + saleId + "']");
        assertTrue(shopper.text(card).contains(PRODUCT));
        assertTrue(shopper.text(card).contains("1 of\n3 left") || shopper.text(card).contains("1 of 3 left"),
                shopper.text(card));
        assertTrue(shopper.text(card).contains("On sale now"));
        shopper.screenshot("shop-home");
        shopper.open("/my-purchases.xhtml?shopper=" + SHOPPER);
        assertTrue(shopper.text(By.cssSelector("table")).contains(receiptId));
        shopper.screenshot("shop-my-purchases");
        cspViolations.addAll(shopper.cspViolations());
    }

    @Test
    @Order(7)
    void pagesFitAPhoneWidthScreen() {
        Dimension desktop = shopper.driver().manage().window().getSize();
        try {
            shopper.driver().manage().window().setSize(new Dimension(390, 844));
            for (String page : List.of("/", "/sale.xhtml?id=" + saleId, "/my-purchases.xhtml?shopper=" + SHOPPER)) {
                shopper.open(page);
                Object overflow = ((JavascriptExecutor) shopper.driver()).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0L, ((Number) overflow).longValue(), "no sideways scrolling on " + page);
            }
            shopper.open("/sale.xhtml?id=" + saleId);
            shopper.screenshot("shop-sale-phone");
        } finally {
            shopper.driver().manage().window().setSize(desktop);
        }
    }

    @Test
    @Order(8)
    void adminDashboardShowsTheSaleAndItsPurchases() {
        admin.open("/admin/?sale=" + saleId);
        By row = By.cssSelector("#sales tr[data-sale-id='" + saleId + "']");
        admin.until(d -> "2".equals(d.findElement(row).findElement(By.cssSelector("[data-field='unitsSold']")).getText()));
        assertEquals("1", admin.find(row).findElement(By.cssSelector("[data-field='stockRemaining']")).getText());
        assertTrue(admin.find(By.cssSelector("svg.chart polyline")).getAttribute("points").split(" ").length > 2);
        assertTrue(admin.find(By.cssSelector("svg.chart desc")).getAttribute("textContent").startsWith("2 units sold"));
        admin.screenshot("admin-dashboard");

        admin.open("/admin/purchases.xhtml?sale=" + saleId);
        String table = admin.text(By.id("purchases"));
        assertTrue(table.contains(SHOPPER) && table.contains(NO_JS_SHOPPER) && table.contains(receiptId), table);
        admin.type(By.id("q"), "ann.");
        admin.find(By.cssSelector("form[role='search'] button")).click();
        admin.until(d -> d.getCurrentUrl().contains("q=ann."));
        table = admin.text(By.id("purchases"));
        assertTrue(table.contains(SHOPPER) && !table.contains(NO_JS_SHOPPER), table);
        admin.screenshot("admin-purchases");

        String cookie = admin.driver().manage().getCookieNamed("JSESSIONID").getValue();
        Reply csv = Api.send(Api.request("/admin/purchases.csv?sale=" + saleId)
                .header("Cookie", "JSESSIONID=" + cookie).GET());
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.body().contains(SHOPPER) && csv.body().contains(NO_JS_SHOPPER), csv.body());
        cspViolations.addAll(admin.cspViolations());
    }

    @Test
    @Order(9)
    void adminCancelsASaleAfterConfirming() {
        String other = Api.createSale("To cancel " + SUFFIX, 5, Instant.now().plusSeconds(3600),
                Instant.now().plusSeconds(7200));
        admin.open("/admin/sale-edit.xhtml?id=" + other);
        admin.type(By.id("sale:totalStock"), "7");
        admin.find(By.id("sale:save")).click();
        admin.until(d -> d.findElement(MESSAGES).getText().contains("saved"));
        assertEquals(7, Api.get("/api/v1/sales/" + other).json().getInt("totalStock"));

        admin.open("/admin/sale-cancel.xhtml?id=" + other);
        assertEquals("upcoming", Api.get("/api/v1/sales/" + other).json().getString("status"), "not before confirming");
        admin.find(By.id("cancel:confirm")).click();
        admin.until(d -> d.findElement(MESSAGES).getText().contains("cancelled"));
        assertEquals("cancelled", Api.get("/api/v1/sales/" + other).json().getString("status"));
        By badge = By.cssSelector("#sales tr[data-sale-id='" + other + "'] [data-field='status']");
        assertEquals("Cancelled", admin.text(badge));
    }

    @Test
    @Order(10)
    void operationsRunReconciliationAndRefuseAResetWithoutTheTypedWord() {
        admin.open("/admin/operations.xhtml");
        admin.find(By.id("reconcile:run")).click();
        admin.until(d -> d.findElement(MESSAGES).getText().contains("Reconciliation done"));
        assertTrue(admin.text(By.id("reconciliation")).contains(saleId));
        admin.screenshot("admin-operations");

        admin.type(By.id("reset:confirmation"), "reset");
        admin.find(By.id("reset:submit")).click();
        assertEquals("Type RESET in capital letters to confirm.",
                admin.until(d -> d.findElement(By.cssSelector("#reset .field-error")).getText()));
        assertEquals(2, Api.get("/api/v1/sales/" + saleId).json().getInt("unitsSold"), "nothing was reset");
    }

    @Test
    @Order(11)
    void adminSignsOut() {
        admin.open("/admin/");
        admin.find(By.id("logout:submit")).click();
        admin.until(d -> admin.path().startsWith("/admin/login.xhtml"));
        assertTrue(admin.text(By.id("main")).contains("You are signed out"));
        admin.open("/admin/");
        assertTrue(admin.path().startsWith("/admin/login.xhtml"), admin.path());
    }

    @Test
    @Order(12)
    void noPageBrokeTheContentSecurityPolicy() {
        assertEquals(List.of(), cspViolations);
    }

    /** True once the element's text contains the expected words; false if it never does in time. */
    private static boolean waitForText(Browser browser, By by, String expected) {
        try {
            return browser.until(d -> d.findElement(by).getText().contains(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }
}
