package com.flashsale.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on the service's {@code application/problem+json} error answers (RFC 9457). */
public final class Problems {

    private Problems() {
    }

    /** The reply is a problem of this status and type. */
    public static void assertProblem(int status, String type, Reply r) {
        assertEquals(status, r.status(), r.toString());
        assertEquals("application/problem+json", r.contentType());
        assertEquals(type, r.json().getString("type"));
    }
}
