package com.flashsale.sale;

import com.flashsale.FlashSaleException;

/** The sale named in a request does not exist. Built without a stack trace, as a client's mistake. */
public class SaleNotFoundException extends FlashSaleException {

    public SaleNotFoundException(String saleId) {
        super(Problem.SALE_NOT_FOUND, "No sale with id '" + saleId + "'.", false);
    }
}
