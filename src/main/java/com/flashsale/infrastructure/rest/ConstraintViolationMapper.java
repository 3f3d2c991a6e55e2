package com.flashsale.infrastructure.rest;

import com.flashsale.FlashSaleException.Problem;
import com.flashsale.InvalidRequestException.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/** Reports Bean Validation failures as 400 with one violation per broken rule. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
        String detail = violations.isEmpty() ? "The request is invalid." : violations.get(0).message();
        return Responses.problem(uri, Problem.VALIDATION, detail, violations, null);
    }

    private static String field(ConstraintViolation<?> violation) {
        String leaf = null;
        for (Path.Node node : violation.getPropertyPath()) {
            leaf = node.getName();
        }
        return "windowValid".equals(leaf) ? "endTime" : leaf == null ? "body" : leaf;
    }
}
