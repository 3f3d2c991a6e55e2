package com.flashsale.infrastructure.metrics;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean whose methods talk to one store: a failure of the store escaping them is counted
 * in {@code flashsale_store_errors_total{store=...}} (see {@link StoreErrorCounter}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StoreCall {

    /** The store's name in the metric: {@code redis} or {@code mongo}. */
    @Nonbinding
    String value();
}
