package com.flashsale.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.FlashSaleException.Problem;
import com.flashsale.InvalidRequestException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The static rules of {@link PurchaseService}: shopper identifiers and candidate purchase ids. */
class PurchaseServiceRulesTest {

    private static final Pattern HEX_24 = Pattern.compile("^[0-9a-f]{24}$");
    private static final String SALE = "65f000000000000000000001";

    private static InvalidRequestException invalidShopper(String raw) {
        return assertThrows(InvalidRequestException.class, () -> PurchaseService.requireShopperId(raw));
    }

    @Test
    void returnsTrimmedLowerCaseIdentifier() {
        assertEquals("jane.doe@example.com", PurchaseService.requireShopperId("  Jane.Doe@EXAMPLE.com "));
    }

    @Test
    void acceptsThreeAnd254CharacterIdentifiers() {
        assertEquals("abc", PurchaseService.requireShopperId("ABC"));
        assertEquals("x".repeat(254), PurchaseService.requireShopperId("X".repeat(254)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void rejectsMissingIdentifierAsRequired(String raw) {
        InvalidRequestException e = invalidShopper(raw);
        assertEquals("userIdentifier is required", e.getMessage());
        assertEquals(List.of(new InvalidRequestException.Violation("userIdentifier", "userIdentifier is required")),
                e.violations());
        assertEquals(Problem.VALIDATION, e.problem());
    }

    @Test
    void rejectsIdentifierShorterThanThreeCharacters() {
        assertEquals("userIdentifier must be at least 3 characters", invalidShopper(" ab ").getMessage());
    }

    @Test
    void rejectsIdentifierLongerThan254Characters() {
        assertEquals("userIdentifier must be at most 254 characters", invalidShopper("a".repeat(255)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pay$me", "{abc}", "jos\u00e9", "john doe"})
    void rejectsIdentifierWithCharactersOutsideTheAllowedSet(String raw) {
        InvalidRequestException e = invalidShopper(raw);
        assertEquals("userIdentifier may contain only letters, digits and @ . _ -", e.getMessage());
        assertEquals("userIdentifier", e.violations().get(0).field());
    }

    @Test
    void givesEveryDefectItsOwnMessage() {
        Set<String> messages = new HashSet<>();
        for (ShopperIds.Defect defect : ShopperIds.Defect.values()) {
            messages.add(PurchaseService.messageFor(defect));
        }
        assertEquals(ShopperIds.Defect.values().length, messages.size());
    }

    // candidatePurchaseId ---------------------------------------------------------------

    @Test
    void candidateIdFromKeyIs24LowerCaseHexCharacters() {
        String id = PurchaseService.candidatePurchaseId(SALE, "alice", "key-1");
        assertTrue(HEX_24.matcher(id).matches(), id);
    }

    @Test
    void candidateIdWithoutKeyIs24LowerCaseHexCharacters() {
        String id = PurchaseService.candidatePurchaseId(SALE, "alice", null);
        assertTrue(HEX_24.matcher(id).matches(), id);
    }

    @Test
    void candidateIdIsDeterministicForSameSaleShopperAndKey() {
        assertEquals(PurchaseService.candidatePurchaseId(SALE, "alice", "key-1"),
                PurchaseService.candidatePurchaseId(SALE, "alice", "key-1"));
    }

    @Test
    void candidateIdIsTheFirstTwelveBytesOfSha256OfSaleShopperAndKey() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest((SALE + "\nalice\nkey-1").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String expected = java.util.HexFormat.of().formatHex(digest).substring(0, 24);
        assertEquals(expected, PurchaseService.candidatePurchaseId(SALE, "alice", "key-1"));
    }

    @Test
    void candidateIdDiffersAcrossShoppers() {
        assertNotEquals(PurchaseService.candidatePurchaseId(SALE, "alice", "key-1"),
                PurchaseService.candidatePurchaseId(SALE, "bob", "key-1"));
    }

    @Test
    void candidateIdDiffersAcrossKeys() {
        assertNotEquals(PurchaseService.candidatePurchaseId(SALE, "alice", "key-1"),
                PurchaseService.candidatePurchaseId(SALE, "alice", "key-2"));
    }

    @Test
    void candidateIdDiffersAcrossSales() {
        assertNotEquals(PurchaseService.candidatePurchaseId(SALE, "alice", "key-1"),
                PurchaseService.candidatePurchaseId("65f000000000000000000002", "alice", "key-1"));
    }

    @Test
    void candidateIdDoesNotConfuseFieldBoundaries() {
        assertNotEquals(PurchaseService.candidatePurchaseId(SALE, "alice", "bkey"),
                PurchaseService.candidatePurchaseId(SALE, "aliceb", "key"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void candidateIdIsRandomWithoutKey(String key) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String id = PurchaseService.candidatePurchaseId(SALE, "alice", key);
            assertTrue(HEX_24.matcher(id).matches(), id);
            ids.add(id);
        }
        assertEquals(50, ids.size());
    }

    @Test
    void acceptsKeyOfExactly200Characters() {
        String id = PurchaseService.candidatePurchaseId(SALE, "alice", "k".repeat(200));
        assertTrue(HEX_24.matcher(id).matches(), id);
    }

    @Test
    void rejectsKeyLongerThan200Characters() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> PurchaseService.candidatePurchaseId(SALE, "alice", "k".repeat(201)));
        assertEquals("Idempotency-Key must be at most 200 characters", e.getMessage());
        assertEquals("Idempotency-Key", e.violations().get(0).field());
    }
}
