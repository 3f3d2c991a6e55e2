/**
 * Backing beans of the admin console under {@code /admin/} (role admin): login and logout, the
 * live dashboard with its chart, creating, editing and cancelling sales, a sale's purchases
 * with their CSV export, and operations (reconciliation, reset).
 */
package com.flashsale.web.admin;
