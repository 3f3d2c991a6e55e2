/**
 * Backing beans of the shop pages (no login): the sale list ({@code index.xhtml}), a sale with
 * its buy form ({@code sale.xhtml}) and a shopper's purchases ({@code my-purchases.xhtml}).
 */
package com.flashsale.web.shop;
