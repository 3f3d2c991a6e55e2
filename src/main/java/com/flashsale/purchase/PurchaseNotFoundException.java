package com.flashsale.purchase;

import com.flashsale.FlashSaleException;

/** The shopper has not bought in this sale. */
public class PurchaseNotFoundException extends FlashSaleException {

    public PurchaseNotFoundException(String saleId, String shopperId) {
        super(Problem.PURCHASE_NOT_FOUND, "'" + shopperId + "' has not bought in sale '" + saleId + "'.", false);
    }
}
