package com.flashsale.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.flashsale.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurchaseQueriesTest {

    /** Refused before anything is read: the queries have no repository or sale service here. */
    @ParameterizedTest
    @CsvSource({
        "-1, 50, page, must be greater than or equal to 0",
        "1000001, 50, page, must be less than or equal to 1000000",
        "0, 0, size, must be greater than or equal to 1",
        "0, 501, size, must be less than or equal to 500",
    })
    void refusesAPageOrSizeOutOfRange(int page, int size, String field, String message) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> new PurchaseQueries().page("65f000000000000000000001", null, page, size));

        assertEquals(1, e.violations().size());
        assertEquals(field, e.violations().get(0).field());
        assertEquals(message, e.violations().get(0).message());
    }
}
