package com.flashsale.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link ServiceClient} of the server {@code verify} starts (base URL from {@code flashsale.it.baseUrl}),
 * as static calls. The admin password comes from {@code FLASHSALE_ADMIN_PASSWORD} or, on the embedded
 * defaults, from the file the server generated it into. Loading this class waits until the server is ready.
 */
public final class Api {

    public static final String BASE_URL = System.getProperty("flashsale.it.baseUrl", "http://localhost:9080");
    /** The client every call below goes through. */
    public static final ServiceClient SERVER = new ServiceClient("server", BASE_URL, Api::adminPassword,
            Duration.ofSeconds(30), Duration.ofSeconds(5));

    static {
        awaitReady();
    }

    private Api() {
    }

    /** The server may still be loading Redis' append-only file after a start: wait until it is ready. */
    private static void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && SERVER.get("/health/ready").status() != 200) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static Reply get(String path) {
        return SERVER.get(path);
    }

    public static Reply getAsAdmin(String path) {
        return SERVER.getAsAdmin(path);
    }

    public static Reply get(String path, String accept, boolean admin) {
        return SERVER.get(path, accept, admin);
    }

    public static Reply post(String path, String json) {
        return SERVER.post(path, json);
    }

    public static Reply postAsAdmin(String path, String json) {
        return SERVER.postAsAdmin(path, json);
    }

    public static Reply putAsAdmin(String path, String json) {
        return SERVER.putAsAdmin(path, json);
    }

    public static Reply deleteAsAdmin(String path) {
        return SERVER.deleteAsAdmin(path);
    }

    /** Sends any request built on {@link #request}. */
    public static Reply send(HttpRequest.Builder builder) {
        return SERVER.send(builder);
    }

    public static HttpRequest.Builder request(String path) {
        return SERVER.request(path);
    }

    public static HttpRequest.Builder asAdmin(HttpRequest.Builder builder) {
        return SERVER.asAdmin(builder);
    }

    public static String basic(String user, String password) {
        return ServiceClient.basic(user, password);
    }

    public static String adminPassword() {
        return Optional.ofNullable(System.getenv("FLASHSALE_ADMIN_PASSWORD")).filter(p -> !p.isBlank())
                .orElseGet(() -> read(Path.of(System.getProperty("flashsale.it.dataDir", "target/flashsale-data"),
                        "admin-password")));
    }

    /** Creates a sale through the v1 API and returns its id. */
    public static String createSale(String name, int stock, Instant start, Instant end) {
        return SERVER.createSale(name, stock, start, end);
    }

    public static String saleJson(String name, int stock, Instant start, Instant end) {
        return ServiceClient.saleJson(name, stock, start, end);
    }

    public static String purchaseJson(String userIdentifier) {
        return ServiceClient.purchaseJson(userIdentifier);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("No FLASHSALE_ADMIN_PASSWORD and no generated " + file, e);
        }
    }
}
