package com.flashsale.seed;

import com.flashsale.StrictJson;
import jakarta.json.JsonObject;

/** Parses seed request bodies; like the seed, an empty body reads as an empty object. */
final class SeedJson {

    private SeedJson() {
    }

    static JsonObject object(String body) {
        return StrictJson.object(body, true);
    }
}
