package com.flashsale.infrastructure.metrics;

import com.flashsale.StoreUnavailableException;
import com.mongodb.MongoException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Counts store failures that leave a {@link StoreCall} bean, by store and method. Business
 * refusals pass through uncounted: only an unreachable, timed-out or failing store counts.
 */
@StoreCall("")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class StoreErrorCounter {

    static final Metadata METADATA = Metadata.builder().withName("flashsale_store_errors")
            .withDescription("Failures of Redis or MongoDB seen by the application, by store and operation").build();

    @Inject
    MetricRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @AroundInvoke
    Object count(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (RuntimeException e) {
            if (isStoreFailure(e)) {
                String store = storeOf(invocation);
                String operation = invocation.getMethod().getName();
                counters.computeIfAbsent(store + '/' + operation, k -> registry.counter(METADATA,
                        new Tag("store", store), new Tag("operation", operation))).inc();
            }
            throw e;
        }
    }

    static boolean isStoreFailure(RuntimeException e) {
        return e instanceof StoreUnavailableException || e instanceof JedisException || e instanceof MongoException;
    }

    private static String storeOf(InvocationContext invocation) {
        Class<?> type = invocation.getMethod().getDeclaringClass();
        StoreCall marker = type.getAnnotation(StoreCall.class);
        return marker == null ? "unknown" : marker.value();
    }
}
