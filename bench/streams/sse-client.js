#!/usr/bin/env node
// Holds N Server-Sent Events streams on one sale (GET /api/v1/sales/{id}/events) and records when each
// stream first sees the sale sold out (docs/benchmarks.md, "One command", --streams).
//
//   node bench/streams/sse-client.js --port 9480 --sale ID --streams 10000
//        [--host 127.0.0.1] [--open-concurrency 200] [--open-timeout 30] [--attempts 2]
//        [--t0-file F] [--exit-when-sold-out] [--max-seconds S]
//
// No npm dependencies: node's http module, one socket per stream (agent: false, no keep-alive pool).
// Events (src/main/java/com/flashsale/web/live): every stream starts with a `sale` event carrying the
// sale as GET /api/v1/sales/{id} shows it, then one `sale` event whenever its stock or status changes,
// and a `: keep-alive` comment now and then. Sold out = a `sale` event whose data has "status":"sold_out".
//
// Prints one line per phase on stdout:
//   READY {...}          every stream has been tried: opened (first event received) or failed
//   ALL-SOLD-OUT {...}   every stream still open has seen sold-out (propagation figures)
//   SUMMARY {...}        at exit (SIGTERM/SIGINT, --exit-when-sold-out, --max-seconds): the final figures
// Times are wall-clock epoch milliseconds. The propagation is measured from the sale's sold-out moment
// when --t0-file holds it (epoch ms, written by whoever sold the sale out; read at every report), and
// always also from the first stream's sighting.
'use strict';
const http = require('http');
const fs = require('fs');
const { performance } = require('perf_hooks');

const opt = {
    host: '127.0.0.1', port: 9480, sale: '', streams: 1000, openConcurrency: 200, openTimeout: 30,
    attempts: 2, t0File: '', exitWhenSoldOut: false, maxSeconds: 0,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i];
    switch (a) {
        case '--host': opt.host = val(); break;
        case '--port': opt.port = Number(val()); break;
        case '--sale': opt.sale = val(); break;
        case '--streams': case '-n': opt.streams = Number(val()); break;
        case '--open-concurrency': opt.openConcurrency = Number(val()); break;
        case '--open-timeout': opt.openTimeout = Number(val()); break;
        case '--attempts': opt.attempts = Number(val()); break;
        case '--t0-file': opt.t0File = val(); break;
        case '--exit-when-sold-out': opt.exitWhenSoldOut = true; break;
        case '--max-seconds': opt.maxSeconds = Number(val()); break;
        case '-h': case '--help':
            console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 21).map(l => l.replace(/^\/\/ ?/, '')).join('\n'));
            process.exit(0);
        default: console.error(`sse-client: unknown option ${a}`); process.exit(2);
    }
}
if (!opt.sale) { console.error('sse-client: --sale ID is required'); process.exit(2); }

const now = () => performance.timeOrigin + performance.now();
const started = now();
const path = `/api/v1/sales/${encodeURIComponent(opt.sale)}/events`;

// One record per stream
const streams = [];
const failures = {};        // reason -> count (final failures, after the attempts)
let opened = 0, failed = 0, retried = 0, closedAfterOpen = 0, soldOutAtOpen = 0, events = 0, comments = 0;
let soldOutSeen = 0, firstSighting = Infinity, lastSighting = 0, allSoldOutReported = false, readyReported = false;

function fail(s, reason) {
    if (s.done) return;
    s.done = true;
    if (s.req) { const r = s.req; s.req = null; r.destroy(); }
    if (s.openedAt) {              // an open stream that ended
        s.closedAt = now();
        closedAfterOpen++;
        s.closeReason = reason;
        checkAllSoldOut();
        return;
    }
    if (s.attempt < opt.attempts) { // not open yet: try again
        retried++;
        pending.push(s);
        return;
    }
    failed++;
    failures[reason] = (failures[reason] || 0) + 1;
}

function onEvent(s, name, data) {
    events++;
    if (name !== 'sale') return;
    const soldOut = /"status"\s*:\s*"sold_out"/.test(data);
    if (!s.openedAt) {
        s.openedAt = now();
        opened++;
        if (soldOut) soldOutAtOpen++;
    }
    if (soldOut && !s.soldOutAt) {
        const t = now();
        s.soldOutAt = t;
        soldOutSeen++;
        if (t < firstSighting) firstSighting = t;
        if (t > lastSighting) lastSighting = t;
        checkAllSoldOut();
    }
}

function parse(s, chunk) {
    s.buf += chunk;
    let sep;
    // events end with a blank line; RESTEasy writes \n, the spec allows \r\n and \r
    if (s.buf.indexOf('\r') >= 0) s.buf = s.buf.replace(/\r\n?/g, '\n');
    while ((sep = s.buf.indexOf('\n\n')) >= 0) {
        const block = s.buf.slice(0, sep);
        s.buf = s.buf.slice(sep + 2);
        let name = 'message', data = [], isComment = true;
        for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            isComment = false;
            const c = line.indexOf(':');
            const field = c < 0 ? line : line.slice(0, c);
            let value = c < 0 ? '' : line.slice(c + 1);
            if (value.startsWith(' ')) value = value.slice(1);
            if (field === 'event') name = value;
            else if (field === 'data') data.push(value);
        }
        if (isComment) { comments++; continue; }
        onEvent(s, name, data.join('\n'));
    }
}

const pending = [];
let inFlight = 0;

function open(s) {
    s.attempt++;
    s.buf = '';
    s.done = false;
    inFlight++;
    // one attempt: settles once, as opened (first event) or as failed (then maybe retried)
    let settled = false;
    const settle = reason => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        inFlight--;
        if (reason) fail(s, reason);
        openNext();
    };
    const ended = reason => { if (!settled) settle(reason); else if (s.req === req) fail(s, reason); };
    const timer = setTimeout(() => settle('open-timeout'), opt.openTimeout * 1000);
    const req = http.request({
        host: opt.host, port: opt.port, path, method: 'GET', agent: false,
        headers: { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' },
    }, res => {
        if (res.statusCode !== 200) {
            res.resume();
            settle(`status-${res.statusCode}`);
            return;
        }
        res.setEncoding('utf8');
        res.on('data', chunk => {
            if (s.req !== req) return;
            parse(s, chunk);
            if (s.openedAt && !settled) settle(null);
        });
        res.on('end', () => ended('ended'));
        res.on('error', e => ended(e.code || 'error'));
    });
    req.on('error', e => ended(e.code || 'error'));
    req.on('close', () => ended('closed'));
    req.setNoDelay(true);
    req.end();
    s.req = req;
}

function openNext() {
    while (inFlight < opt.openConcurrency && pending.length > 0) open(pending.shift());
    if (!readyReported && pending.length === 0 && inFlight === 0) {
        readyReported = true;
        report('READY', {
            requested: opt.streams, opened, failed, retried, failures, soldOutAtOpen,
            openSeconds: round((now() - started) / 1000, 2),
        });
        checkAllSoldOut();
    }
}

function t0() {
    if (!opt.t0File) return null;
    try {
        const v = Number(fs.readFileSync(opt.t0File, 'utf8').trim());
        return Number.isFinite(v) && v > 0 ? v : null;
    } catch (e) { return null; }
}

function round(x, d = 1) { const f = 10 ** d; return Math.round(x * f) / f; }

function pct(sorted, p) {
    if (sorted.length === 0) return null;
    const k = Math.max(0, Math.ceil(p / 100 * sorted.length) - 1);
    return round(sorted[k]);
}

function figures() {
    const sightings = streams.filter(s => s.soldOutAt).map(s => s.soldOutAt).sort((a, b) => a - b);
    const soldAt = t0();
    const from = base => sightings.length === 0 ? null : {
        p50_ms: pct(sightings.map(t => t - base), 50), p99_ms: pct(sightings.map(t => t - base), 99),
        max_ms: round(sightings[sightings.length - 1] - base), min_ms: round(sightings[0] - base),
    };
    const openNow = streams.filter(s => s.openedAt && !s.closedAt).length;
    const openNotSeen = streams.filter(s => s.openedAt && !s.soldOutAt).length;
    return {
        requested: opt.streams, opened, failed, retried, failures, openNow, closedAfterOpen,
        closeReasons: streams.filter(s => s.closeReason).reduce((m, s) => { m[s.closeReason] = (m[s.closeReason] || 0) + 1; return m; }, {}),
        sawSoldOut: soldOutSeen, openedButNotSeen: openNotSeen, soldOutAtOpen,
        soldOutMomentEpochMs: soldAt, firstSightingEpochMs: sightings.length ? round(sightings[0]) : null,
        fromSoldOut: soldAt ? from(soldAt) : null,
        fromFirstSighting: from(sightings.length ? sightings[0] : 0),
        events, comments, seconds: round((now() - started) / 1000, 1),
    };
}

function report(tag, obj) { process.stdout.write(`${tag} ${JSON.stringify(obj)}\n`); }

function checkAllSoldOut() {
    if (allSoldOutReported || !readyReported || soldOutSeen === 0) return;
    const waiting = streams.some(s => s.openedAt && !s.closedAt && !s.soldOutAt);
    if (waiting) return;
    allSoldOutReported = true;
    report('ALL-SOLD-OUT', figures());
    if (opt.exitWhenSoldOut) finish(0);
}

let finished = false;
function finish(code) {
    if (finished) return;
    finished = true;
    report('SUMMARY', figures());
    for (const s of streams) if (s.req) s.req.destroy();
    process.exit(code);
}
process.on('SIGTERM', () => finish(0));
process.on('SIGINT', () => finish(0));
if (opt.maxSeconds > 0) setTimeout(() => finish(0), opt.maxSeconds * 1000);

for (let i = 0; i < opt.streams; i++) {
    const s = { i, attempt: 0, done: false, buf: '', req: null, openedAt: 0, soldOutAt: 0, closedAt: 0, closeReason: null };
    streams.push(s);
    pending.push(s);
}
openNext();
