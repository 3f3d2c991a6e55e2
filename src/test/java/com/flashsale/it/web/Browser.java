package com.flashsale.it.web;

import static org.junit.jupiter.api.Assertions.fail;

import com.flashsale.it.harness.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven by its chromedriver, with a fresh profile each time. Missing
 * browser binaries fail the test with the command that installs them: browser tests never skip.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("flashsale.it.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("flashsale.it.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(boolean javascript) {
        requireBinaries();
        try {
            profile = Files.createTempDirectory("flashsale-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** A browser with JavaScript on. */
    public static Browser start() {
        return new Browser(true);
    }

    /** A browser with JavaScript off, to check that every page works without it. */
    public static Browser startWithoutJavaScript() {
        return new Browser(false);
    }

    static void requireBinaries() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ". Install them with: apt-get update && apt-get install -y chromium chromium-driver"
                    + " (or point -Dflashsale.it.chromium / -Dflashsale.it.chromedriver at them).");
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the application under test. */
    public Browser open(String path) {
        driver.get(Api.BASE_URL + path);
        return this;
    }

    public String path() {
        return driver.getCurrentUrl().substring(Api.BASE_URL.length());
    }

    public WebElement find(By by) {
        return until(d -> d.findElement(by));
    }

    public String text(By by) {
        return until(d -> d.findElement(by).getText());
    }

    /** Waits, up to a deadline, until the condition gives something other than null or false. */
    public <T> T until(Function<WebDriver, T> condition) {
        return until(WAIT, condition);
    }

    public <T> T until(Duration deadline, Function<WebDriver, T> condition) {
        // a page replaced mid-check (a redirect, a live update) makes an element stale: look again
        return new WebDriverWait(driver, deadline, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    public void type(By by, String text) {
        WebElement input = find(by);
        input.clear();
        input.sendKeys(text);
    }

    /** Sets an input's value directly (date-time pickers type differently in every locale). */
    public void setValue(By by, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", find(by), value);
    }

    /** Marks the current document; the mark is gone after a reload or a navigation. */
    public void markDocument() {
        ((JavascriptExecutor) driver).executeScript("document.documentElement.dataset.testMark = 'kept';");
    }

    public boolean documentStillMarked() {
        return "kept".equals(((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.dataset.testMark;"));
    }

    /** Console messages that report a Content-Security-Policy violation. */
    public List<String> cspViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }

}
