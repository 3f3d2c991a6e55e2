/**
 * Integration tests ({@code *IT}, failsafe), grouped by the feature they test, as the unit tests are.
 * {@code ./mvnw verify} starts Liberty on the embedded stores and runs these against it:
 * <ul>
 * <li>{@code sale}: the v1 sales API (create, read, edit; admin only, validated).</li>
 * <li>{@code purchase}: the v1 purchase API, the 5,000-attempt rush ({@code ConcurrencyIT}), Redis losing its
 * data ({@code RecoveryIT}), the services wired inside Liberty (Arquillian, {@code PurchaseWiringIT}).</li>
 * <li>{@code ratelimit}: real 429s from a second deployment with tight limits (Arquillian).</li>
 * <li>{@code seed}: the seed service's contract on its original paths, one class per endpoint.</li>
 * <li>{@code admin}: the admin surface walked by non-admins; resets that touch only our data.</li>
 * <li>{@code rest}: a corpus of hostile requests, each a 4xx problem that changes nothing.</li>
 * <li>{@code web}: the shop and the admin console in a headless browser, and their security headers.</li>
 * <li>{@code ops}: health and readiness, metrics, request-id logging, Liberty's limits, deployment files.</li>
 * </ul>
 * Two suites start their own processes and run only with their profile: {@code faults}
 * ({@code ./mvnw -Pfaults verify}) and {@code scale} ({@code ./mvnw -Pscale verify}), on the process harness
 * in {@code process}. Every suite talks HTTP through {@code harness}: one client, one rush driver.
 */
package com.flashsale.it;
