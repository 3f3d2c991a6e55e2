package com.flashsale.it.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import org.openqa.selenium.By;

/** Signs the admin in through the console's login form. */
final class AdminLogin {

    private AdminLogin() {
    }

    /** Opens a console page, is sent to the login form, signs in and lands back on the page. */
    static void signIn(Browser browser, String page) {
        browser.open(page);
        assertTrue(browser.path().startsWith("/admin/login.xhtml"), browser.path());
        browser.type(By.id("login:username"), "admin");
        browser.type(By.id("login:password"), Api.adminPassword());
        browser.screenshot("admin-login");
        browser.find(By.id("login:submit")).click();
        browser.until(d -> !browser.path().startsWith("/admin/login.xhtml"));
    }
}
