/*
 * Progressive enhancement for the flash-sale pages; every page works without it.
 * - Keeps countdowns ticking on the server's clock (pages and events carry serverTime).
 * - Listens to Server-Sent Events and updates stock, status and the Buy button in place.
 * - Buys through the REST API without a reload and reports the outcome in the messages region.
 * - Remembers the shopper's identifier in a first-party cookie (the server reads it too).
 * - In a sale's waiting room: follows the ticket's own event stream and updates the place in line in
 *   its live region, reloads into the Buy form when admitted (the admission token stays on the server),
 *   ticks the admission's countdown, and says at once when the sale sells out, ends or is cancelled.
 */
(function () {
    'use strict';

    var COOKIE = 'flashsale_shopper';
    var IDENTIFIER = /^[a-zA-Z0-9@._-]{3,254}$/;
    var LABELS = {
        upcoming: 'Upcoming', active: 'On sale now', sold_out: 'Sold out', ended: 'Ended', cancelled: 'Cancelled'
    };
    var clockOffset = 0; // server clock minus this browser's clock, in ms

    function syncClock(serverTime) {
        var t = Date.parse(serverTime);
        if (!isNaN(t)) {
            clockOffset = t - Date.now();
        }
    }

    function serverNow() {
        return Date.now() + clockOffset;
    }

    function pad(n) {
        return n < 10 ? '0' + n : String(n);
    }

    function duration(ms) {
        var s = Math.max(0, Math.floor(ms / 1000));
        var days = Math.floor(s / 86400), hours = Math.floor(s % 86400 / 3600);
        var minutes = Math.floor(s % 3600 / 60), seconds = s % 60;
        if (days > 0) { return days + ' d ' + hours + ' h'; }
        if (hours > 0) { return hours + ' h ' + pad(minutes) + ' min'; }
        if (minutes > 0) { return minutes + ' min ' + pad(seconds) + ' s'; }
        return seconds + ' s';
    }

    function utc(iso) {
        var d = new Date(iso);
        return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' '
            + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds()) + ' UTC';
    }

    function countdownText(el) {
        var status = el.dataset.status, now = serverNow();
        var start = Date.parse(el.dataset.start), end = Date.parse(el.dataset.end);
        if (status === 'upcoming') { return now < start ? 'Starts in ' + duration(start - now) : 'Starting…'; }
        if (status === 'active' || status === 'sold_out') { return now < end ? 'Ends in ' + duration(end - now) : 'Ending…'; }
        if (status === 'ended') { return 'Ended ' + utc(el.dataset.end); }
        return 'Cancelled';
    }

    function fields(root, name) {
        return root.querySelectorAll('[data-field="' + name + '"]');
    }

    function setText(root, name, text) {
        fields(root, name).forEach(function (f) { f.textContent = text; });
    }

    function tickCountdowns() {
        document.querySelectorAll('[data-sale-id]').forEach(function (el) {
            setText(el, 'countdown', countdownText(el));
        });
        document.querySelectorAll('[data-admitted-until]').forEach(function (el) {
            var left = Date.parse(el.dataset.admittedUntil) - serverNow();
            el.textContent = left > 0
                ? 'Your turn! Buy within ' + duration(left) + ' (until ' + utc(el.dataset.admittedUntil) + ').'
                : 'Your turn has passed: your admission expired. Refresh the page to join the line again.';
        });
    }

    var CLOSED = {
        sold_out: 'Sorry, sold out: every unit was sold while you were waiting.',
        ended: 'Sorry, this sale has ended.',
        cancelled: 'This sale was cancelled.'
    };

    function positionText(t) {
        if (t.position === undefined || t.position === null) {
            return 'You are in line. The order is drawn at the opening'
                + (t.estimatedWaitSeconds !== undefined && t.estimatedWaitSeconds !== null
                    ? ', about ' + duration(t.estimatedWaitSeconds * 1000) + ' from now.' : '.');
        }
        if (t.paused || t.estimatedWaitSeconds === undefined || t.estimatedWaitSeconds === null) {
            return 'You are number ' + t.position + '. Admission is paused for the moment.';
        }
        return 'You are number ' + t.position + ', about ' + duration(t.estimatedWaitSeconds * 1000) + '.';
    }

    /** The line closed while the shopper waited: say why in the live region and stop following. */
    function closeQueue(panel, status) {
        if (!panel || !CLOSED[status] || panel.dataset.queuePhase !== 'waiting') { return; }
        panel.dataset.queuePhase = 'closed';
        panel.dataset.queueStatus = status;
        if (panel.ticketSource) { panel.ticketSource.close(); }
        setText(panel, 'queue-position', '');
        setText(panel, 'queue-closed', CLOSED[status]);
        fields(panel, 'queue-waiting').forEach(function (f) { f.hidden = true; });
        fields(panel, 'queue-refresh').forEach(function (f) { f.hidden = true; });
    }

    function followTicket(panel) {
        var link = panel.querySelector('[data-ticket-events-url]');
        if (!link || !window.EventSource) { return; }
        // the page without script reloads itself; with script the stream keeps it current instead
        var source = new EventSource(link.dataset.ticketEventsUrl);
        panel.ticketSource = source;
        source.addEventListener('ticket', function (e) {
            var t = JSON.parse(e.data);
            if (t.serverTime) { syncClock(t.serverTime); }
            panel.dataset.queueStatus = t.status;
            if (t.status === 'waiting' || t.status === 'early') {
                setText(panel, 'queue-position', positionText(t));
                setText(panel, 'queue-waiting', t.waiting + ' in line. Keep this page open: it shows your turn as soon as it comes.');
                return;
            }
            source.close();
            if (CLOSED[t.status]) {
                closeQueue(panel, t.status);
            } else {
                // admitted (the Buy form and its countdown), purchased, or out of line: the server shows it
                window.location.reload();
            }
        });
    }

    function applySale(sale) {
        syncClock(sale.serverTime);
        document.querySelectorAll('[data-sale-id="' + sale.id + '"]').forEach(function (el) {
            el.dataset.status = sale.status;
            el.dataset.start = sale.startTime;
            el.dataset.end = sale.endTime;
            setText(el, 'stockRemaining', String(sale.stockRemaining));
            setText(el, 'unitsSold', String(sale.unitsSold));
            setText(el, 'totalStock', String(sale.totalStock));
            fields(el, 'progress').forEach(function (p) {
                p.max = sale.totalStock;
                p.value = sale.stockRemaining;
                p.textContent = sale.stockRemaining + ' of ' + sale.totalStock;
            });
            fields(el, 'status').forEach(function (b) {
                b.textContent = LABELS[sale.status] || sale.status;
                b.className = 'badge badge-' + sale.status;
            });
            var button = el.querySelector('form.buy-form [type="submit"]');
            if (button && !button.hasAttribute('aria-busy')) {
                button.disabled = sale.status !== 'active';
                setText(el, 'buy-hint', sale.status === 'active' ? '' : 'The Buy button works while the sale is on.');
            }
            setText(el, 'countdown', countdownText(el));
            closeQueue(el.querySelector('section.queue'), sale.status);
        });
    }

    function listen(url) {
        if (!url || !window.EventSource) { return; }
        var source = new EventSource(url);
        source.addEventListener('sale', function (e) { applySale(JSON.parse(e.data)); });
        source.addEventListener('rate', function (e) {
            setText(document, 'rate', String(JSON.parse(e.data).purchasesPerSecond));
        });
    }

    function say(kind, text) {
        var region = document.getElementById('messages');
        if (!region) { return; }
        var list = document.createElement('ul');
        var item = document.createElement('li');
        list.className = 'message-list';
        item.className = 'message ' + kind;
        item.textContent = text;
        list.appendChild(item);
        region.replaceChildren(list);
    }

    function rememberedIdentifier() {
        var match = document.cookie.match(/(?:^|;\s*)flashsale_shopper=([^;]*)/);
        return match ? match[1] : '';
    }

    function remember(identifier) {
        if (IDENTIFIER.test(identifier)) {
            document.cookie = COOKIE + '=' + identifier.toLowerCase() + '; Max-Age=31536000; Path=/; SameSite=Lax'
                + (window.location.protocol === 'https:' ? '; Secure' : '');
        }
    }

    function problemMessage(status, body, retryAfter) {
        var type = String(body.type || '');
        if (status === 429) {
            var seconds = parseInt(retryAfter, 10);
            return ['error', 'Too many attempts. Please try again in ' + (seconds > 0 ? seconds : 1) + ' s.'];
        }
        if (status === 201) { return ['info', 'You bought it! Your receipt number is ' + body.purchaseId + '.']; }
        if (/already-purchased$/.test(type)) {
            return ['warn', 'You already bought this item' + (body.purchaseId ? ' (receipt ' + body.purchaseId + ').' : '.')];
        }
        if (/sold-out$/.test(type)) { return ['error', 'Sorry, sold out: every unit has been sold.']; }
        if (/sale-not-started$/.test(type)) {
            return ['warn', 'The sale has not started yet. The Buy button opens when the countdown ends.'];
        }
        if (/sale-ended$/.test(type)) { return ['error', 'Sorry, this sale has ended.']; }
        if (/sale-cancelled$/.test(type)) { return ['error', 'This sale was cancelled.']; }
        if (/admission-required$/.test(type)) {
            return ['warn', 'This sale has a waiting room: join the line, and buy when it is your turn.'];
        }
        if (/admission-expired$/.test(type)) {
            return ['error', 'Your turn has passed: your admission expired. Join the line again.'];
        }
        if (status === 400) {
            var first = body.violations && body.violations[0];
            var text = first ? first.message : (body.detail || 'Please check your email or username.');
            return ['error', text.replace('userIdentifier', 'Your email or username')];
        }
        if (status === 404) { return ['error', 'This sale does not exist.']; }
        return ['error', 'The shop is very busy right now and could not take your order. Please try again in a moment.'];
    }

    function newKey() {
        return window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : null;
    }

    function enhanceBuyForm(article) {
        // a sale with a waiting room buys by form post: the server adds the admission token
        if (article.dataset.waitingRoom === 'true') { return; }
        var form = article.querySelector('form.buy-form');
        if (!form || !window.fetch) { return; }
        var input = form.querySelector('input[type="text"]');
        var button = form.querySelector('[type="submit"]');
        if (!input.value) { input.value = rememberedIdentifier(); }
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            var identifier = input.value.trim();
            var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
            var key = newKey();
            if (key) { headers['Idempotency-Key'] = key; }
            remember(identifier);
            button.disabled = true;
            button.setAttribute('aria-busy', 'true');
            say('info', 'Buying…');
            fetch(article.dataset.purchaseUrl, {
                method: 'POST', headers: headers, credentials: 'same-origin',
                body: JSON.stringify({ userIdentifier: identifier })
            }).then(function (response) {
                return response.json().catch(function () { return {}; }).then(function (body) {
                    var message = problemMessage(response.status, body, response.headers.get('Retry-After'));
                    input.setAttribute('aria-invalid', response.status === 400 ? 'true' : 'false');
                    say(message[0], message[1]);
                });
            }).then(function () {
                // show the stock the decision left at once, without waiting for the next push
                var saleUrl = article.dataset.purchaseUrl.replace(/\/purchases$/, '');
                return fetch(saleUrl, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
                    .then(function (r) { return r.ok ? r.json() : null; })
                    .then(function (sale) { if (sale) { applySale(sale); } });
            }).catch(function () {
                say('error', 'Could not reach the shop. Check your connection and try again.');
            }).finally(function () {
                button.removeAttribute('aria-busy');
                button.disabled = article.dataset.status !== 'active';
            });
        });
    }

    function start() {
        var live = document.querySelector('[data-server-time]');
        if (live) { syncClock(live.dataset.serverTime); }
        document.querySelectorAll('[data-events-url]').forEach(function (el) { listen(el.dataset.eventsUrl); });
        document.querySelectorAll('[data-purchase-url]').forEach(enhanceBuyForm);
        document.querySelectorAll('section.queue').forEach(followTicket);
        tickCountdowns();
        window.setInterval(tickCountdowns, 1000);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
