package com.flashsale.infrastructure.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AdminAuthenticationMechanismTest {

    @Test
    void decodesABasicHeaderWhosePasswordMayContainColons() {
        UsernamePasswordCredential credential = AdminAuthenticationMechanism.decodeBasic(encode("admin:pa:ss"));
        assertEquals("admin", credential.getCaller());
        assertEquals("pa:ss", credential.getPasswordAsString());
    }

    @Test
    void malformedHeadersYieldNoCredential() {
        assertNull(AdminAuthenticationMechanism.decodeBasic("%%%not-base64"));
        assertNull(AdminAuthenticationMechanism.decodeBasic(encode("no-colon")));
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
