package com.flashsale.sale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The fields an admin supplies to create or edit a sale, with their rules ({@code waitingRoom}
 * null: none; created unpaused). The product name
 * is trimmed before it is validated.
 */
public record SaleDraft(
        @NotBlank(message = "productName is required")
        @Size(max = SaleDraft.MAX_NAME_LENGTH, message = "productName must be at most {max} characters")
        @Pattern(regexp = "[^\\p{Cc}]*", message = "productName must not contain control characters")
        String productName,
        @NotNull(message = "totalStock is required")
        @Min(value = 1, message = "totalStock must be at least {value}")
        @Max(value = SaleDraft.MAX_STOCK, message = "totalStock must be at most {value}")
        Integer totalStock,
        @NotNull(message = "startTime is required") Instant startTime,
        @NotNull(message = "endTime is required") Instant endTime,
        @Valid WaitingRoom waitingRoom) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_STOCK = 1_000_000;

    /** A draft without a waiting room. */
    public SaleDraft(String productName, Integer totalStock, Instant startTime, Instant endTime) {
        this(productName, totalStock, startTime, endTime, null);
    }

    public SaleDraft {
        productName = productName == null ? null : productName.strip();
    }

    @AssertTrue(message = "startTime must be before endTime")
    public boolean isWindowValid() {
        return startTime == null || endTime == null || startTime.isBefore(endTime);
    }

    public Sale toNewSale(String id, Instant now) {
        return new Sale(id, productName, totalStock, startTime, endTime, now, now, false, waitingRoom);
    }
}
