package com.flashsale.seed;

/**
 * The seed service's response envelope: {@code {"success", "message"?, "data"?}}. The
 * purchase answers also carry {@code purchaseId} at the top level, as the seed did on success;
 * here it is also given on "already purchased", so a client whose success answer was lost can
 * tell it owns the unit.
 */
public record SeedEnvelope(boolean success, String message, Object data, String purchaseId) {

    public static SeedEnvelope ok(Object data) {
        return new SeedEnvelope(true, null, data, null);
    }

    public static SeedEnvelope ok(String message, Object data) {
        return new SeedEnvelope(true, message, data, null);
    }

    public static SeedEnvelope failure(String message) {
        return new SeedEnvelope(false, message, null, null);
    }
}
