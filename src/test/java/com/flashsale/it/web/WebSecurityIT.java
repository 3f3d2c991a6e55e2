package com.flashsale.it.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The console is closed to anonymous visitors (sent to the login page from every admin URL),
 * the API keeps answering 401 to scripts, pages carry the security headers, and a product name
 * that looks like a script is shown as text.
 */
class WebSecurityIT {

    private static final List<String> ADMIN_PAGES = List.of("/admin/", "/admin/index.xhtml",
            "/admin/index.xhtml?sale=0123456789abcdef01234567", "/admin/sale-edit.xhtml",
            "/admin/sale-edit.xhtml?id=0123456789abcdef01234567", "/admin/sale-cancel.xhtml?id=0123456789abcdef01234567",
            "/admin/purchases.xhtml?sale=0123456789abcdef01234567", "/admin/operations.xhtml",
            "/admin/purchases.csv?sale=0123456789abcdef01234567");

    private static Browser browser;

    @BeforeAll
    static void browser() {
        browser = Browser.start();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anonymousVisitorIsSentToTheLoginPageFromEveryAdminUrl() {
        for (String page : ADMIN_PAGES) {
            browser.open(page);
            String expected = "/admin/login.xhtml?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8);
            assertEquals(expected, browser.path(), page);
            assertNotNull(browser.find(By.id("login:password")));
        }
        browser.screenshot("admin-login-redirect");
    }

    @Test
    void wrongPasswordStaysOnTheLoginPageWithAMessage() {
        browser.open("/admin/login.xhtml");
        browser.type(By.id("login:username"), "admin");
        browser.type(By.id("login:password"), "not-the-password");
        browser.find(By.id("login:submit")).click();
        browser.until(d -> d.findElement(By.id("messages")).getText().contains("Wrong user name or password"));
        browser.open("/admin/");
        assertTrue(browser.path().startsWith("/admin/login.xhtml"));
    }

    @Test
    void apiCallsWithoutCredentialsStillGet401AndABasicChallenge() {
        Reply r = Api.post("/api/v1/sales", "{}");
        assertEquals(401, r.status(), r::toString);
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic"), r.header("WWW-Authenticate"));
        assertNull(r.header("Location"));
    }

    @Test
    void consolePagesRedirectAndSessionCookiesAreGuarded() {
        Reply r = Api.get("/admin/operations.xhtml");
        assertEquals(302, r.status(), r::toString);
        assertTrue(r.header("Location").contains("/admin/login.xhtml?next="), r.header("Location"));

        Reply login = Api.get("/admin/login.xhtml");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        for (String path : List.of("/", "/my-purchases.xhtml", "/admin/login.xhtml")) {
            Reply r = Api.get(path);
            assertEquals(200, r.status(), path);
            String csp = r.header("Content-Security-Policy");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
            assertNotNull(r.header("Referrer-Policy"));
            assertFalse(r.body().contains("<script>") || r.body().contains(" style=\"") || r.body().contains("onclick"),
                    "no inline script or style on " + path);
        }
    }

    @Test
    void aProductNameThatLooksLikeAScriptIsShownAsText() {
        String name = "<script>alert(1)</script> " + Long.toString(System.nanoTime(), 36);
        String id = Api.createSale(name, 3, Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600));
        browser.open("/sale.xhtml?id=" + id);
        assertEquals(name, browser.text(By.tagName("h1")));
        browser.open("/");
        assertTrue(browser.text(By.cssSelector("[data-sale-id='" + id + "'] h2")).contains(name));
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
        assertEquals(List.of(), browser.cspViolations());
    }
}
