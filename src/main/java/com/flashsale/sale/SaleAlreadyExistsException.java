package com.flashsale.sale;

import com.flashsale.FlashSaleException;

/** The seed-compatible API allows one open sale at a time. */
public class SaleAlreadyExistsException extends FlashSaleException {

    public SaleAlreadyExistsException() {
        super(Problem.SALE_ALREADY_EXISTS,
                "A flash sale already exists. Please reset all data before creating a new one.");
    }
}
