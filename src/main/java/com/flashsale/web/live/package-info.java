/**
 * Live sale updates without polling: pages open a Server-Sent Events stream; sales changed on any
 * instance (announced through Redis pub/sub) and, periodically, every watched sale are read, and
 * only what changed is broadcast.
 */
package com.flashsale.web.live;
