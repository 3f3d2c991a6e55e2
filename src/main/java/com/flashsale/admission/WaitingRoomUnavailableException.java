package com.flashsale.admission;

import com.flashsale.FlashSaleException;

/** The waiting room cannot issue tickets or tokens: no secret is configured on this server. */
public class WaitingRoomUnavailableException extends FlashSaleException {

    public WaitingRoomUnavailableException() {
        super(Problem.UNAVAILABLE, "The waiting room is not configured on this server (flashsale.queue.token-secret).");
    }
}
