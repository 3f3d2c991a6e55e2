package com.flashsale;

import java.util.List;

/**
 * Input that breaks a rule; carries one violation per offending field. Built without a stack trace:
 * anyone can send bad input as fast as they like, and the answer needs no trace.
 */
public class InvalidRequestException extends FlashSaleException {

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(Problem.VALIDATION, violations.get(0).message(), false);
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One broken rule: the field it concerns and a human message. */
    public record Violation(String field, String message) {
    }
}
