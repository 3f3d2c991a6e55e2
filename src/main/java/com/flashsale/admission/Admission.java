package com.flashsale.admission;

/**
 * What a shopper's admission token grants, once its signature and its binding to the sale and the
 * shopper are checked: the admission the admitter stored ({@code <number>:<expires at ms>}) and its
 * expiry. The decision store compares the grant with the one it holds, so a spent, replaced or
 * swept admission is refused there, in the same atomic step as the purchase.
 *
 * @param grant {@code <admission number>:<expires at epoch ms>}, {@code ""} without a token,
 *        {@code "-"} for a token that failed its check
 * @param expiresAtMillis when the admission expires (epoch ms), 0 without one
 */
public record Admission(String grant, long expiresAtMillis) {

    /** No token was presented. */
    public static final Admission NONE = new Admission("", 0);
    /** A token was presented but is forged, malformed, or bound to another sale or shopper. */
    public static final Admission INVALID = new Admission("-", 0);
}
