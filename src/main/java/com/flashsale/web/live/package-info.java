/**
 * Live sale updates without polling: pages open a Server-Sent Events stream; one scheduled task
 * reads the live state of the sales someone is watching and broadcasts only what changed.
 */
package com.flashsale.web.live;
