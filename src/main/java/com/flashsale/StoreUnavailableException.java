package com.flashsale;

/**
 * The decision store (Redis) cannot answer right now, or a sale's state is being rebuilt.
 * Reported as 503 with {@code Retry-After}: the caller may try again shortly.
 */
public class StoreUnavailableException extends FlashSaleException {

    public StoreUnavailableException(String detail) {
        super(Problem.UNAVAILABLE, detail);
    }

    public StoreUnavailableException(String detail, Throwable cause) {
        super(Problem.UNAVAILABLE, detail, cause);
    }
}
