package com.flashsale.sale;

import com.flashsale.FlashSaleException;

/** A sale can only be edited before its window opens. */
public class SaleAlreadyStartedException extends FlashSaleException {

    public SaleAlreadyStartedException(String saleId) {
        super(Problem.SALE_ALREADY_STARTED, "Sale '" + saleId + "' has started (or was cancelled) and can no longer be edited.");
    }
}
