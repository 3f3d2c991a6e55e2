/**
 * A harness for tests that start and hurt real processes: {@link com.flashsale.it.process.RedisServerProcess}
 * (Debian {@code redis-server}, AOF), {@link com.flashsale.it.process.MongoServerProcess} (mongo-java-server
 * with the H2 backend in its own JVM) and {@link com.flashsale.it.process.LibertyProcess} (a Liberty server
 * of its own, outside the liberty-maven-plugin's {@code defaultServer}). Each can be started, killed with
 * {@code kill -9}, paused with SIGSTOP, resumed and restarted on the same data. Used by the fault-injection
 * suite ({@code com.flashsale.it.faults}, {@code ./mvnw -Pfaults verify}) and the scale-out suite
 * ({@code com.flashsale.it.scale}, {@code ./mvnw -Pscale verify}), which talk to what they start through
 * {@link com.flashsale.it.harness.ServiceClient} and {@link com.flashsale.it.harness.Rush}; ports, data folders, variables,
 * environment and server names are the caller's, so several servers can run side by side.
 */
package com.flashsale.it.process;
