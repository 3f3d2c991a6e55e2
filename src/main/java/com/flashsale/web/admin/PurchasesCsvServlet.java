package com.flashsale.web.admin;

import com.flashsale.purchase.PurchaseQueries;
import com.flashsale.sale.SaleNotFoundException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;

/**
 * The CSV download of a sale's purchases for the console ({@code /admin/purchases.csv?sale=…}).
 * It sits under {@code /admin/}, so the console's session login reaches it; API scripts keep
 * using the Basic-authenticated {@code GET /api/v1/sales/{id}/purchases?format=csv}.
 */
@WebServlet("/admin/purchases.csv")
public class PurchasesCsvServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PurchaseQueries queries;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String saleId = request.getParameter("sale");
        StreamingOutput csv;
        try {
            csv = queries.csv(saleId);
        } catch (SaleNotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such sale");
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"purchases-" + saleId + ".csv\"");
        response.setHeader("Cache-Control", "no-store");
        csv.write(response.getOutputStream());
    }
}
