/**
 * What every integration suite shares: {@link com.flashsale.it.harness.ServiceClient}, the one HTTP client
 * (base URL, admin Basic credentials, a per-request timeout reported in the {@link com.flashsale.it.harness.Reply}
 * instead of thrown, JSON helpers); {@link com.flashsale.it.harness.Rush}, the one rush driver (shoppers over
 * worker connections, optional arrival spread, retries, Idempotency-Keys and duplicate attempts, every
 * answer kept); {@link com.flashsale.it.harness.Api}, the client of the server {@code verify} starts, as static
 * calls; and {@link com.flashsale.it.harness.Stores}, direct access to that server's Redis. The fault suite
 * ({@code it.faults}) and the scale suite ({@code it.scale}) build their own clients on the servers they start
 * and keep their own audits.
 */
package com.flashsale.it.harness;
