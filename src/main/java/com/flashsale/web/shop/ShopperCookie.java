package com.flashsale.web.shop;

import com.flashsale.purchase.ShopperIds;
import jakarta.faces.context.ExternalContext;
import jakarta.servlet.http.Cookie;
import java.util.Map;

/**
 * Remembers the shopper's identifier for the next visit in a first-party cookie, which the
 * page's script also writes when it buys through the API.
 */
public final class ShopperCookie {

    public static final String NAME = "flashsale_shopper";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private ShopperCookie() {
    }

    /** @return the remembered identifier, or {@code null} */
    public static String read(ExternalContext context) {
        Object cookie = context.getRequestCookieMap().get(NAME);
        String value = cookie instanceof Cookie c ? c.getValue() : null;
        return value != null && ShopperIds.defectOf(value) == null ? value : null;
    }

    public static void remember(ExternalContext context, String identifier) {
        if (ShopperIds.defectOf(identifier) != null) {
            return;
        }
        // Not HttpOnly: it holds only the identifier the shopper typed (no credential), and the
        // page's script reads it to buy through the API. Secure whenever the page came over TLS.
        context.addResponseCookie(NAME, ShopperIds.canonical(identifier), Map.of(
                "maxAge", ONE_YEAR, "path", "/", "SameSite", "Lax",
                "secure", "https".equalsIgnoreCase(context.getRequestScheme())));
    }
}
