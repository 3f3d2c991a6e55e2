package com.flashsale.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.FlashSaleException.Problem;
import com.flashsale.InvalidRequestException;
import com.flashsale.sale.SaleDraft;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's "create sale" body rules, read from JSON text as the resource reads it. */
class SeedSaleRequestTest {

    private static final String NAME = "\"productName\":\"Limited sneakers\"";
    private static final String STOCK = "\"totalStock\":200";
    private static final String START = "\"startTime\":\"2026-02-14T10:00:00.000Z\"";
    private static final String END = "\"endTime\":\"2026-02-14T12:00:00.000Z\"";
    private static final String POSITIVE = "Total stock must be a positive number";

    private static SaleDraft parse(String json) {
        return SeedSaleRequest.parse(SeedJson.object(json));
    }

    private static String body(String name, String stock, String start, String end) {
        return "{" + String.join(",", name, stock, start, end) + "}";
    }

    private static String withStock(String stockJson) {
        return body(NAME, "\"totalStock\":" + stockJson, START, END);
    }

    private static String rejection(String json) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(json));
        assertEquals(Problem.VALIDATION, e.problem());
        assertEquals("body", e.violations().get(0).field());
        assertEquals(e.getMessage(), e.violations().get(0).message());
        return e.getMessage();
    }

    @Test
    void readsAWellFormedBodyIntoADraft() {
        SaleDraft draft = parse(body(NAME, STOCK, START, END));
        assertEquals(new SaleDraft("Limited sneakers", 200, Instant.parse("2026-02-14T10:00:00Z"),
                Instant.parse("2026-02-14T12:00:00Z")), draft);
    }

    @Test
    void readsTimesWithAnOffsetAsTheSameInstantInUtc() {
        SaleDraft draft = parse(body(NAME, STOCK, "\"startTime\":\"2026-02-14T12:00:00+02:00\"",
                "\"endTime\":\"2026-02-14T12:00:00Z\""));
        assertEquals(Instant.parse("2026-02-14T10:00:00Z"), draft.startTime());
    }

    @Test
    void readsTimesWithoutMilliseconds() {
        SaleDraft draft = parse(body(NAME, STOCK, "\"startTime\":\"2026-02-14T10:00:00Z\"", END));
        assertEquals(Instant.parse("2026-02-14T10:00:00Z"), draft.startTime());
    }

    @Test
    void stripsTheProductName() {
        assertEquals("Phone", parse(body("\"productName\":\"  Phone \"", STOCK, START, END)).productName());
    }

    // Missing fields ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{}", "", "   "})
    void listsEveryFieldOfAnEmptyBodyInOrder(String json) {
        assertEquals("Missing required fields: productName, totalStock, startTime, endTime", rejection(json));
    }

    @Test
    void listsOnlyTheMissingFieldsInTheFixedOrder() {
        assertEquals("Missing required fields: productName, endTime", rejection("{" + END.replace("endTime", "x")
                + "," + START + "," + STOCK + "}"));
    }

    @Test
    void listsMissingFieldsInFieldOrderNotBodyOrder() {
        assertEquals("Missing required fields: totalStock, startTime",
                rejection("{" + END + "," + NAME + "}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            productName | ""    
            productName | null
            productName | false
            productName | 0
            totalStock  | 0
            totalStock  | 0.0
            totalStock  | -0
            totalStock  | null
            totalStock  | false
            totalStock  | ""
            startTime   | ""
            startTime   | null
            startTime   | false
            startTime   | 0
            endTime     | ""
            endTime     | null
            endTime     | false
            endTime     | 0
            """)
    void treatsFalsyValuesAsMissing(String field, String falsyJson) {
        String json = body(NAME, STOCK, START, END).replaceFirst("(\"" + field + "\":)(\"[^\"]*\"|[0-9]+)", "$1" + falsyJson);
        assertTrue(json.contains("\"" + field + "\":" + falsyJson), json);
        assertEquals("Missing required fields: " + field, rejection(json));
    }

    @Test
    void reportsStockZeroAsMissingNotAsNotPositive() {
        assertEquals("Missing required fields: totalStock", rejection(withStock("0")));
    }

    @Test
    void reportsMissingFieldsBeforeWrongTypes() {
        assertEquals("Missing required fields: totalStock, endTime",
                rejection("{\"productName\":42,\"totalStock\":0," + START + "}"));
    }

    // Product name ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"42", "true", "[]", "{}", "[\"Phone\"]"})
    void rejectsAProductNameThatIsNotAString(String nameJson) {
        assertEquals("Product name must be a string",
                rejection(body("\"productName\":" + nameJson, STOCK, START, END)));
    }

    // Stock ----------------------------------------------------------------------------

    @Test
    void acceptsStockOfOne() {
        assertEquals(1, parse(withStock("1")).totalStock());
    }

    @Test
    void acceptsStockOfOneMillion() {
        assertEquals(1_000_000, parse(withStock("1000000")).totalStock());
    }

    @Test
    void rejectsStockAboveOneMillion() {
        assertEquals("Total stock must be at most 1000000", rejection(withStock("1000001")));
    }

    @Test
    void rejectsAHugeStockWithoutOverflowing() {
        assertEquals("Total stock must be at most 1000000", rejection(withStock("99999999999999999999999")));
    }

    @Test
    void rejectsStockWrittenAsAString() {
        assertEquals(POSITIVE, rejection(withStock("\"100\"")));
    }

    @Test
    void rejectsFractionalStock() {
        assertEquals(POSITIVE, rejection(withStock("1.5")));
    }

    @Test
    void rejectsASmallFractionalStock() {
        assertEquals(POSITIVE, rejection(withStock("0.5")));
    }

    @Test
    void rejectsNegativeStock() {
        assertEquals(POSITIVE, rejection(withStock("-5")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "\"abc\"", "[100]", "{\"n\":100}", "-1.5"})
    void rejectsStockThatIsNotAPositiveNumber(String stockJson) {
        assertEquals(POSITIVE, rejection(withStock(stockJson)));
    }

    /** A whole number is a whole number however JSON spells it: the seed (JavaScript) read 100.0 as 100. */
    @ParameterizedTest
    @ValueSource(strings = {"100.0", "1E2", "1e+2"})
    void acceptsAWholeStockSpelledWithADecimalPointOrExponent(String stockJson) {
        assertEquals(100, parse(withStock(stockJson)).totalStock());
    }

    // Times ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"\"not a date\"", "\"2026-13-01T00:00:00Z\"", "\"2026-02-30T00:00:00Z\"", "\"tomorrow\"",
            "12345", "true", "[]"})
    void rejectsAnUnparseableStartTime(String startJson) {
        String message = rejection(body(NAME, STOCK, "\"startTime\":" + startJson, END));
        assertTrue(message.startsWith("Invalid date"), message);
        assertEquals("Invalid date for startTime: use ISO-8601, such as 2026-02-14T00:00:00.000Z", message);
    }

    @Test
    void rejectsAnUnparseableEndTime() {
        assertEquals("Invalid date for endTime: use ISO-8601, such as 2026-02-14T00:00:00.000Z",
                rejection(body(NAME, STOCK, START, "\"endTime\":\"31/12/2026\"")));
    }

    @Test
    void rejectsEqualStartAndEnd() {
        assertEquals("Start time must be before end time",
                rejection(body(NAME, STOCK, START, START.replace("startTime", "endTime"))));
    }

    @Test
    void rejectsEqualInstantsWrittenWithDifferentOffsets() {
        assertEquals("Start time must be before end time", rejection(body(NAME, STOCK,
                "\"startTime\":\"2026-02-14T12:00:00+02:00\"", "\"endTime\":\"2026-02-14T10:00:00Z\"")));
    }

    @Test
    void rejectsStartAfterEnd() {
        assertEquals("Start time must be before end time",
                rejection(body(NAME, STOCK, "\"startTime\":\"2026-02-14T12:00:00.001Z\"", END)));
    }

    @Test
    void acceptsAWindowOfOneMillisecond() {
        SaleDraft draft = parse(body(NAME, STOCK, START, "\"endTime\":\"2026-02-14T10:00:00.001Z\""));
        assertEquals(Instant.parse("2026-02-14T10:00:00.001Z"), draft.endTime());
    }
}
