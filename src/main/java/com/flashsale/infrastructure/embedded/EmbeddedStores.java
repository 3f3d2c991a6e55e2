package com.flashsale.infrastructure.embedded;

/**
 * Development stores started on loopback when no store URL is configured. The one implementation
 * ({@code dev.EmbeddedServices}) and the libraries it runs exist only in Maven-run servers
 * ({@code liberty:run}, {@code liberty:dev}, the test server); the packaged WAR has neither.
 */
public interface EmbeddedStores {

    /** Starts the embedded Redis if it is not running; returns its URL. */
    String startRedis();

    /** Starts the embedded MongoDB-compatible server if it is not running; returns its URI. */
    String startMongo();
}
