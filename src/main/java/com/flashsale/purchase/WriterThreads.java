package com.flashsale.purchase;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads of the group commit's own, made by the container's default managed thread factory (so
 * they carry the application's context) and stopped with the application.
 */
@ApplicationScoped
public class WriterThreads {

    @Resource
    ManagedThreadFactory threadFactory;

    private ExecutorService pool;

    /** A pool of {@code size} threads, made once. */
    synchronized ExecutorService pool(int size) {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(size, threadFactory);
        }
        return pool;
    }

    @PreDestroy
    synchronized void stop() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
