package com.flashsale.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The waiting room's signed strings: an admission token grants exactly the admission it was issued
 * for, to that sale and that shopper; anything else (forged, tampered, malformed, another secret) is
 * {@link Admission#INVALID}; a ticket names its shopper only under the secret that signed it.
 */
class AdmissionTokensTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-characters!";
    private static final String SALE = "65f000000000000000000001";
    private static final String OTHER_SALE = "65f000000000000000000002";
    private static final String GRANT = "17:1770000000000";

    private static AdmissionTokens tokens(String secret) {
        AdmissionTokens t = new AdmissionTokens(Optional.of(secret), false);
        t.init();
        return t;
    }

    private final AdmissionTokens tokens = tokens(SECRET);

    // admission tokens -----------------------------------------------------------------------

    @Test
    void aTokenRoundTripsToItsGrantAndExpiry() {
        String token = tokens.token(SALE, "alice", GRANT);

        assertEquals(new Admission(GRANT, 1770000000000L), tokens.verify(token, SALE, "alice"));
    }

    @Test
    void aShopperIdWithSeparatorsStillRoundTripsOnlyForThatShopper() {
        String shopper = "alice.smith@example.com";
        String token = tokens.token(SALE, shopper, GRANT);

        assertEquals(GRANT, tokens.verify(token, SALE, shopper).grant());
        assertEquals(Admission.INVALID, tokens.verify(token, SALE, "alice.smith"));
    }

    @Test
    void noTokenIsNone() {
        assertEquals(Admission.NONE, tokens.verify(null, SALE, "alice"));
        assertEquals(Admission.NONE, tokens.verify("", SALE, "alice"));
    }

    @Test
    void aTokenBuysNothingInAnotherSaleOrForAnotherShopper() {
        String token = tokens.token(SALE, "alice", GRANT);

        assertEquals(Admission.INVALID, tokens.verify(token, OTHER_SALE, "alice"));
        assertEquals(Admission.INVALID, tokens.verify(token, SALE, "bob"));
    }

    @Test
    void aForgedMacIsInvalid() {
        String token = tokens.token(SALE, "alice", GRANT);
        String payload = token.substring(0, token.lastIndexOf('.'));
        String mac = token.substring(token.lastIndexOf('.') + 1);
        char flipped = mac.charAt(0) == 'A' ? 'B' : 'A';

        assertEquals(Admission.INVALID, tokens.verify(payload + '.' + flipped + mac.substring(1), SALE, "alice"));
        assertEquals(Admission.INVALID, tokens.verify(payload + '.' + b64(new byte[16]), SALE, "alice"));
        assertEquals(Admission.INVALID, tokens.verify(payload + '.' + mac.substring(2), SALE, "alice"),
                "a truncated mac");
    }

    @Test
    void aTokenHasOneSpelling() {
        // a 16-byte mac is 22 base64 characters: the last one carries 2 bits, so 'A'..'P' style
        // neighbours decode to the same bytes; only the canonical spelling is accepted
        String token = tokens.token(SALE, "alice", GRANT);
        char last = token.charAt(token.length() - 1);
        String b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = b64.charAt(b64.indexOf(last) ^ 1); // differs only in an unused low bit
        String respelled = token.substring(0, token.length() - 1) + sibling;

        assertEquals(Admission.INVALID, tokens.verify(respelled, SALE, "alice"));
        String ticket = tokens.ticket(SALE, "alice");
        char ticketLast = ticket.charAt(ticket.length() - 1);
        assertTrue(tokens.shopperOf(SALE, ticket.substring(0, ticket.length() - 1)
                + b64.charAt(b64.indexOf(ticketLast) ^ 1)).isEmpty());
    }

    @Test
    void aPayloadTamperedUnderTheOriginalMacIsInvalid() {
        String token = tokens.token(SALE, "alice", GRANT);
        String mac = token.substring(token.lastIndexOf('.') + 1);

        for (String payload : new String[] {
                OTHER_SALE + "|alice|17|1770000000000", // another sale
                SALE + "|bob|17|1770000000000", // another shopper
                SALE + "|alice|18|1770000000000", // another admission number
                SALE + "|alice|17|1990000000000"}) { // a later expiry
            String tampered = b64(payload.getBytes(StandardCharsets.UTF_8)) + '.' + mac;
            String[] f = payload.split("\\|");
            assertEquals(Admission.INVALID, tokens.verify(tampered, f[0], f[1]), payload);
        }
    }

    @Test
    void aTokenSignedForAnotherPayloadIsNotATicketAndATicketIsNotAToken() {
        String ticket = tokens.ticket(SALE, "alice");

        assertEquals(Admission.INVALID, tokens.verify(ticket, SALE, "alice"));
        assertTrue(tokens.shopperOf(SALE, tokens.token(SALE, "alice", GRANT)).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", ".", "abc.", ".abc", "no-dot-at-all", "!!!.???", "YWJj.!!!", "%%%.AAAA",
            "YWJj.AAAA", "YWxpY2U.AAAAAAAAAAAAAAAAAAAAAA"})
    void malformedTokensAreInvalid(String token) {
        assertEquals(Admission.INVALID, tokens.verify(token, SALE, "alice"));
    }

    @Test
    void anOverlongTokenIsInvalidWithoutBeingChecked() {
        String token = tokens.token(SALE, "alice", GRANT);

        assertEquals(Admission.INVALID, tokens.verify("A".repeat(1100) + token, SALE, "alice"));
    }

    @Test
    void aSignedPayloadWithTheWrongShapeIsInvalid() {
        // signed with the right key, but not four fields or not a number: only a bug could issue these
        assertEquals(Admission.INVALID, tokens.verify(tokens.token(SALE, "alice", "17"), SALE, "alice"));
        assertEquals(Admission.INVALID, tokens.verify(tokens.token(SALE, "alice", "17:soon"), SALE, "alice"));
        assertEquals(Admission.INVALID, tokens.verify(tokens.token(SALE, "alice", "17:1:2"), SALE, "alice"));
    }

    // tickets --------------------------------------------------------------------------------

    @Test
    void aTicketRoundTripsToItsShopperAndIsTheSameEveryTime() {
        String ticket = tokens.ticket(SALE, "alice");

        assertEquals(Optional.of("alice"), tokens.shopperOf(SALE, ticket));
        assertEquals(ticket, tokens.ticket(SALE, "alice"));
        assertNotEquals(ticket, tokens.ticket(SALE, "bob"));
    }

    @Test
    void aTicketNamesNobodyInAnotherSale() {
        assertTrue(tokens.shopperOf(OTHER_SALE, tokens.ticket(SALE, "alice")).isEmpty());
    }

    @Test
    void aForgedTicketNamesNobody() {
        String ticket = tokens.ticket(SALE, "alice");
        String mac = ticket.substring(ticket.indexOf('.') + 1);
        String bob = b64("bob".getBytes(StandardCharsets.UTF_8));

        assertTrue(tokens.shopperOf(SALE, bob + '.' + mac).isEmpty(), "alice's mac on bob's name");
        assertTrue(tokens.shopperOf(SALE, bob + '.' + b64(new byte[16])).isEmpty());
        for (String malformed : new String[] {"", ".", "YWxpY2U", "YWxpY2U.", ".AAAA", "!!.AAAA", "YWxpY2U.***"}) {
            assertTrue(tokens.shopperOf(SALE, malformed).isEmpty(), malformed);
        }
    }

    // secrets --------------------------------------------------------------------------------

    @Test
    void twoInstancesWithTheSameSecretAgree() {
        AdmissionTokens other = tokens(SECRET);

        assertEquals(tokens.ticket(SALE, "alice"), other.ticket(SALE, "alice"));
        assertEquals(GRANT, other.verify(tokens.token(SALE, "alice", GRANT), SALE, "alice").grant());
        assertEquals(Optional.of("alice"), other.shopperOf(SALE, tokens.ticket(SALE, "alice")));
    }

    @Test
    void instancesWithDifferentSecretsDoNot() {
        AdmissionTokens other = tokens(SECRET.replace('a', 'b'));

        assertEquals(Admission.INVALID, other.verify(tokens.token(SALE, "alice", GRANT), SALE, "alice"));
        assertTrue(other.shopperOf(SALE, tokens.ticket(SALE, "alice")).isEmpty());
    }

    @Test
    void aSecretShorterThan32CharactersLeavesTheWaitingRoomUnavailable() {
        AdmissionTokens shortSecret = tokens("x".repeat(AdmissionTokens.MIN_SECRET_LENGTH - 1));

        assertFalse(shortSecret.available());
        assertThrows(WaitingRoomUnavailableException.class, () -> shortSecret.ticket(SALE, "alice"));
        assertThrows(WaitingRoomUnavailableException.class, () -> shortSecret.token(SALE, "alice", GRANT));
        assertEquals(Admission.INVALID, shortSecret.verify(tokens.token(SALE, "alice", GRANT), SALE, "alice"));
        assertTrue(tokens(SECRET.substring(0, AdmissionTokens.MIN_SECRET_LENGTH)).available(), "32 is enough");
    }

    @Test
    void noSecretOutsideTheEmbeddedDefaultsIsUnavailable() {
        AdmissionTokens none = new AdmissionTokens(Optional.empty(), false);
        none.init();
        AdmissionTokens blank = new AdmissionTokens(Optional.of("   "), false);
        blank.init();

        assertFalse(none.available());
        assertFalse(blank.available());
    }

    @Test
    void theEmbeddedDefaultsGenerateASecretOfTheirOwn() {
        AdmissionTokens a = new AdmissionTokens(Optional.empty(), true);
        a.init();
        AdmissionTokens b = new AdmissionTokens(Optional.empty(), true);
        b.init();

        assertTrue(a.available());
        assertEquals(GRANT, a.verify(a.token(SALE, "alice", GRANT), SALE, "alice").grant());
        assertEquals(Admission.INVALID, b.verify(a.token(SALE, "alice", GRANT), SALE, "alice"),
                "each process generates its own");
    }

    @Test
    void aConfiguredSecretWinsOverTheEmbeddedDefault() {
        AdmissionTokens embedded = new AdmissionTokens(Optional.of(SECRET), true);
        embedded.init();

        assertEquals(tokens.ticket(SALE, "alice"), embedded.ticket(SALE, "alice"));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
