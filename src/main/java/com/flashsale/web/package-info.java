/**
 * The server-rendered web pages (Jakarta Faces): the shop in {@code web.shop}, the admin console
 * in {@code web.admin}, and live sale updates pushed as Server-Sent Events in {@code web.live}.
 * Backing beans call the same services as the REST API; shared view helpers live here.
 */
package com.flashsale.web;
