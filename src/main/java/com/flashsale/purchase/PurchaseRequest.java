package com.flashsale.purchase;

import com.flashsale.InvalidRequestException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** A shopper's request to buy one unit. */
public record PurchaseRequest(String userIdentifier) {

    /** Reads the body, refusing an identifier that is not a JSON string (an operator object, say). */
    public static PurchaseRequest read(JsonObject body) {
        JsonValue value = body.get("userIdentifier");
        if (value == null || value == JsonValue.NULL) {
            return new PurchaseRequest(null);
        }
        if (value instanceof JsonString text) {
            return new PurchaseRequest(text.getString());
        }
        throw new InvalidRequestException("userIdentifier", "userIdentifier must be a string");
    }
}
