package com.flashsale.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdminBackingRulesTest {

    @Test
    void loginReturnsOnlyToConsolePages() {
        assertEquals("/admin/purchases.xhtml?sale=1", LoginBacking.safeNext("/admin/purchases.xhtml?sale=1"));
        assertEquals("/admin/", LoginBacking.safeNext(null));
        assertEquals("/admin/", LoginBacking.safeNext("https://evil.example/admin/"));
        assertEquals("/admin/", LoginBacking.safeNext("//evil.example/admin/"));
        assertEquals("/admin/", LoginBacking.safeNext("/admin//evil.example"));
        assertEquals("/admin/", LoginBacking.safeNext("/admin/\\evil"));
        assertEquals("/admin/", LoginBacking.safeNext("/admin/x\r\nSet-Cookie: a=b"));
        assertEquals("/admin/", LoginBacking.safeNext("/admin/login.xhtml"));
        assertEquals("/admin/", LoginBacking.safeNext("/index.xhtml"));
    }

    @Test
    void resetNeedsTheWordResetTypedExactly() {
        assertTrue(OperationsBacking.confirmed("RESET"));
        assertTrue(OperationsBacking.confirmed(" RESET "));
        assertFalse(OperationsBacking.confirmed("reset"));
        assertFalse(OperationsBacking.confirmed(""));
        assertFalse(OperationsBacking.confirmed(null));
    }

    @Test
    void reconciliationSummaryCountsSales() {
        assertEquals("Reconciliation done: 2 open sale(s), 1 rebuilt, all consistent.", OperationsBacking.summary(2, 1, 0));
        assertEquals("Reconciliation done: 1 open sale(s), 0 rebuilt, 1 still inconsistent.",
                OperationsBacking.summary(1, 0, 1));
    }

    @Test
    void pagingAlwaysHasOnePage() {
        assertEquals(1, PurchasesBacking.pageCount(0, 25));
        assertEquals(1, PurchasesBacking.pageCount(25, 25));
        assertEquals(2, PurchasesBacking.pageCount(26, 25));
    }
}
