package com.flashsale.infrastructure.rest;

import com.flashsale.seed.SeedEnvelope;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Renders errors the container raises before the REST layer runs: problem+json under
 * {@code /api/v1}, the seed envelope on the seed paths, a plain page elsewhere. Never echoes the
 * request URI or an exception.
 */
@WebServlet("/error")
public class ErrorPageServlet extends HttpServlet {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String title = title(status);
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (uri.startsWith("/api/flash-sale") || uri.startsWith("/api/admin")) {
            response.setContentType("application/json");
            response.getWriter().write(JSONB.toJson(SeedEnvelope.failure(title)));
        } else if (uri.startsWith("/api/")) {
            response.setContentType(ProblemDetails.MEDIA_TYPE);
            response.getWriter().write(JSONB.toJson(new ProblemDetails("about:blank", title, status, detail(status),
                    null, null, null)));
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(status + " " + title);
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Internal Server Error";
        };
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood (malformed URI or headers).";
            case 401 -> "Admin credentials are required (HTTP Basic).";
            case 403 -> "The admin role is required.";
            case 404 -> "No such resource.";
            case 405 -> "That method is not allowed on this resource.";
            default -> "An unexpected error occurred.";
        };
    }
}
