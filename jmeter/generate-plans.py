#!/usr/bin/env python3
"""Writes the JMeter plans of this folder (*.jmx) from one description, so that the setUp,
the outcome bookkeeping and the tearDown audit are the same code in every plan.

    python3 jmeter/generate-plans.py      # rewrites jmeter/*.jmx

The .jmx files are committed and open in the JMeter GUI; edit this script and run it again
rather than editing a plan by hand, or the plans drift apart. Groovy inside a plan must never
contain a dollar-brace sequence: JMeter would substitute it before Groovy sees the script.
"""
from pathlib import Path
from xml.dom import minidom
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------
# Groovy shared by the plans
# ---------------------------------------------------------------------------------------------

# Resolves every setting once (a property set to "" counts as unset, which is what the Maven
# profile passes for settings left alone), resets the counters the audit reads, and prepares
# the admin credentials. DEFAULTS is replaced per plan.
SETTINGS = r"""
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicLong

def defaults = [DEFAULTS]
def setting = { String name ->
    def v = props.getProperty(name)
    (v == null || v.trim().isEmpty()) ? defaults[name] : v.trim()
}
defaults.keySet().each { props.put(it, String.valueOf(setting(it))) }

def auditFile = props.getProperty('auditFile')
if (auditFile) { new File(auditFile).delete() }

// The admin password: -JadminPassword, else FLASHSALE_ADMIN_PASSWORD, else the file the
// service generates on its embedded defaults.
def password = props.getProperty('adminPassword')
if (!password) { password = System.getenv('FLASHSALE_ADMIN_PASSWORD') }
if (!password) {
    def f = new File(props.getProperty('adminPasswordFile'))
    if (!f.isFile()) {
        throw new IllegalStateException('No admin password: set -JadminPassword, FLASHSALE_ADMIN_PASSWORD or -JadminPasswordFile (' + f + ' does not exist)')
    }
    password = f.text.trim()
}
def auth = (props.getProperty('adminUser') + ':' + password).bytes.encodeBase64().toString()
props.put('adminAuth', auth)
vars.put('adminAuth', auth)
// If controllers read these plain properties: a __groovy condition would be compiled per evaluation
props.put('apiSeed', String.valueOf(props.getProperty('api') == 'seed'))
props.put('apiV1', String.valueOf(props.getProperty('api') != 'seed'))
props.put('baseUrl', props.getProperty('protocol') + '://' + props.getProperty('host') + ':' + props.getProperty('port'))

props.put('audit.succeeded', new AtomicLong())
props.put('audit.duplicates', new AtomicLong())
props.put('audit.unexpected', new AtomicLong())
props.put('audit.outcomes', new ConcurrentHashMap())
props.put('audit.shoppers', ConcurrentHashMap.newKeySet())
props.put('audit.buyers', ConcurrentHashMap.newKeySet())
props.put('audit.shopperSeq', new AtomicLong())
props.put('saleStart', java.time.Instant.now().minusSeconds(60).toString())
props.put('saleEnd', java.time.Instant.now().plusSeconds(7200).toString())
EXTRA
SampleResult.setResponseData(defaults.keySet().collect { it + '=' + props.getProperty(it) }.join('\n'), 'UTF-8')
"""

# After the sale is created: remember its id (v1 answers {id,...}, the seed {data:{_id,...}}).
REMEMBER_SALE = r"""
def json = new groovy.json.JsonSlurper().parseText(prev.getResponseDataAsString())
def id = json.id ?: json.data?._id
if (!id) { throw new IllegalStateException('No sale id in ' + prev.getResponseDataAsString()) }
props.put('saleId', id)
log.info('Sale ' + id + ' created, stock ' + props.getProperty('stock'))
"""

# Classifies one purchase answer. Business refusals (sold out, already purchased) are expected
# outcomes, not errors; anything else is an error. Successes are counted per shopper.
CLASSIFY = r"""
def code = SampleResult.getResponseCode()
def body = SampleResult.getResponseDataAsString()
def shopper = vars.get('shopper')
props.get('audit.shoppers').add(shopper)
def outcome = null
if (props.getProperty('api') == 'seed') {
    if (code == '200' && body.contains('"success":true')) { outcome = 'bought' }
    else if (code == '200' && body.contains('Item sold out')) { outcome = 'sold-out' }
    else if (code == '200' && body.contains('already purchased')) { outcome = 'already-purchased' }
} else {
    if (code == '201') { outcome = 'bought' }
    else if (code == '409' && body.contains('/problems/sold-out')) { outcome = 'sold-out' }
    else if (code == '409' && body.contains('/problems/already-purchased')) { outcome = 'already-purchased' }
}
def outcomes = props.get('audit.outcomes')
if (outcome == null) {
    props.get('audit.unexpected').incrementAndGet()
    outcomes.computeIfAbsent('error ' + code, { k -> new java.util.concurrent.atomic.AtomicLong() }).incrementAndGet()
    AssertionResult.setFailure(true)
    AssertionResult.setFailureMessage('Unexpected purchase answer ' + code + ': ' + body.take(300))
    return
}
outcomes.computeIfAbsent(outcome, { k -> new java.util.concurrent.atomic.AtomicLong() }).incrementAndGet()
if (outcome == 'bought') {
    props.get('audit.succeeded').incrementAndGet()
    if (!props.get('audit.buyers').add(shopper)) { props.get('audit.duplicates').incrementAndGet() }
}
SampleResult.setSuccessful(true)
"""

# The tearDown audit: waits (bounded) until the outbox is drained, then checks the invariants
# against the admin API and what the shoppers saw. Writes auditFile only when every check holds.
AUDIT = r"""
import groovy.json.JsonSlurper
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

def base = props.getProperty('baseUrl')
def saleId = props.getProperty('saleId')
def client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
def call = { String path ->
    def request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
            .header('Authorization', 'Basic ' + props.getProperty('adminAuth')).GET().build()
    def response = client.send(request, HttpResponse.BodyHandlers.ofString())
    if (response.statusCode() != 200) {
        throw new IllegalStateException('GET ' + path + ' answered ' + response.statusCode() + ': ' + response.body())
    }
    response.body()
}
def failures = []
def check = { boolean ok, String what -> if (!ok) { failures << what } }
def report = new StringBuilder()
def audit = null
try {
    if (!saleId) { throw new IllegalStateException('the setUp created no sale') }
    def deadline = System.currentTimeMillis() + 1000L * Long.parseLong(props.getProperty('auditTimeoutSeconds'))
    while (true) {
        audit = new JsonSlurper().parseText(call('/api/v1/admin/sales/' + saleId + '/audit'))
        if ((audit.outboxBacklog == 0 && audit.recordedPurchases == audit.unitsSold) || System.currentTimeMillis() > deadline) { break }
        Thread.sleep(250)
    }
    def csv = call('/api/v1/sales/' + saleId + '/purchases?format=csv').readLines().drop(1).findAll { it }
    def csvBuyers = csv.collect { it.split(',')[2] }

    long stock = Long.parseLong(props.getProperty('stock'))
    long shoppers = props.get('audit.shoppers').size()
    long succeeded = props.get('audit.succeeded').get()
    long unexpected = props.get('audit.unexpected').get()
    long expected = Math.min(stock, shoppers) + (props.getProperty('breakAudit') == 'true' ? 1 : 0)
    report << 'sale ' << saleId << ': stock ' << stock << ', distinct shoppers ' << shoppers
    report << ', outcomes ' << props.get('audit.outcomes') << '\n'
    report << 'audit ' << audit << '\n'

    check(audit.unitsSold == expected, 'units sold ' + audit.unitsSold + ' != min(stock, distinct shoppers) = ' + expected)
    if (unexpected == 0) {
        check(succeeded == audit.unitsSold, 'successes seen by shoppers ' + succeeded + ' != units sold ' + audit.unitsSold)
    } else {
        // an attempt that failed in transit may or may not have bought
        check(succeeded <= audit.unitsSold && audit.unitsSold <= succeeded + unexpected,
                'successes seen ' + succeeded + ' (+' + unexpected + ' unknown) do not explain units sold ' + audit.unitsSold)
    }
    check(props.get('audit.duplicates').get() == 0, props.get('audit.duplicates').get() + ' shoppers were told they bought twice')
    check(csvBuyers.size() == csvBuyers.toSet().size(), 'the durable record holds a shopper twice')
    check(audit.stockRemaining == audit.totalStock - audit.unitsSold,
            'stock remaining ' + audit.stockRemaining + ' != total ' + audit.totalStock + ' - sold ' + audit.unitsSold)
    check(audit.totalStock == stock, 'total stock ' + audit.totalStock + ' != ' + stock)
    check(audit.outboxBacklog == 0, 'outbox still holds ' + audit.outboxBacklog + ' after ' + props.getProperty('auditTimeoutSeconds') + ' s')
    check(audit.recordedPurchases == audit.unitsSold, 'durable records ' + audit.recordedPurchases + ' != sold ' + audit.unitsSold)
    check(csv.size() == audit.recordedPurchases, 'CSV rows ' + csv.size() + ' != recorded ' + audit.recordedPurchases)
    check(audit.consistent == true, 'the service reports the sale inconsistent')
} catch (Exception e) {
    failures << ('audit could not run: ' + e)
}
def passed = failures.isEmpty()
report << (passed ? 'AUDIT PASSED' : 'AUDIT FAILED: ' + failures.join('; '))
def text = report.toString()
OUT.println('[' + props.getProperty('plan') + '] ' + text)
log.info(text)
def auditFile = props.getProperty('auditFile')
if (auditFile) {
    def f = new File(passed ? auditFile : auditFile + '.failed')
    f.parentFile?.mkdirs()
    f.text = text + '\n'
}
SampleResult.setResponseData(text, 'UTF-8')
SampleResult.setResponseMessage(passed ? 'passed' : failures.join('; ').take(500))
SampleResult.setSuccessful(passed)
"""

NEXT_SHOPPER = r"""
vars.put('shopper', props.getProperty('shopperPrefix') + props.get('audit.shopperSeq').incrementAndGet())
"""

THREAD_SHOPPER = r"""
vars.put('shopper', props.getProperty('shopperPrefix') + ctx.getThreadNum())
"""

RANDOM_SHOPPER = r"""
vars.put('shopper', 'user-' + java.util.UUID.randomUUID().toString().replace('-', '').take(16))
"""

# ---------------------------------------------------------------------------------------------
# JMX building blocks
# ---------------------------------------------------------------------------------------------


def s(name, value):
    return f'<stringProp name="{name}">{escape(str(value))}</stringProp>'


def b(name, value):
    return f'<boolProp name="{name}">{"true" if value else "false"}</boolProp>'


def node(element, children=()):
    """An element followed by its hashTree of children."""
    return element + "<hashTree>" + "".join(children) + "</hashTree>"


def groovy(kind, name, script, gui="TestBeanGUI"):
    return (f'<{kind} guiclass="{gui}" testclass="{kind}" testname="{escape(name)}">'
            + s("scriptLanguage", "groovy") + s("parameters", "") + s("filename", "")
            + s("cacheKey", "true") + s("script", script.strip() + "\n") + f"</{kind}>")


def http(name, method, path, body=None):
    args = ""
    if body is not None:
        args = ('<elementProp name="" elementType="HTTPArgument">' + b("HTTPArgument.always_encode", False)
                + s("Argument.value", body) + s("Argument.metadata", "=") + "</elementProp>")
    return (f'<HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="{escape(name)}">'
            + b("HTTPSampler.postBodyRaw", body is not None)
            + '<elementProp name="HTTPsampler.Arguments" elementType="Arguments">'
            + f'<collectionProp name="Arguments.arguments">{args}</collectionProp></elementProp>'
            + s("HTTPSampler.path", path) + s("HTTPSampler.method", method)
            + b("HTTPSampler.follow_redirects", False) + b("HTTPSampler.auto_redirects", False)
            + b("HTTPSampler.use_keepalive", True) + "</HTTPSamplerProxy>")


def headers(name, pairs):
    items = "".join('<elementProp name="" elementType="Header">' + s("Header.name", k) + s("Header.value", v)
                    + "</elementProp>" for k, v in pairs)
    return (f'<HeaderManager guiclass="HeaderPanel" testclass="HeaderManager" testname="{escape(name)}">'
            f'<collectionProp name="HeaderManager.headers">{items}</collectionProp></HeaderManager>')


def status_assertion(name, codes):
    """Passes when the response code is one of codes (also turns an expected 4xx into a success)."""
    items = "".join(s(f"code{i}", c) for i, c in enumerate(codes))
    return (f'<ResponseAssertion guiclass="AssertionGui" testclass="ResponseAssertion" testname="{escape(name)}">'
            f'<collectionProp name="Asserion.test_strings">{items}</collectionProp>'
            + s("Assertion.custom_message", "") + s("Assertion.test_field", "Assertion.response_code")
            + b("Assertion.assume_success", True) + '<intProp name="Assertion.test_type">40</intProp>'
            + "</ResponseAssertion>")


def thread_group(kind, name, threads, ramp, loops, children, delay="", duration="", on_error="continue"):
    gui = {"ThreadGroup": "ThreadGroupGui", "SetupThreadGroup": "SetupThreadGroupGui",
           "PostThreadGroup": "PostThreadGroupGui"}[kind]
    scheduler = bool(delay or duration)
    element = (f'<{kind} guiclass="{gui}" testclass="{kind}" testname="{escape(name)}">'
               + s("ThreadGroup.on_sample_error", on_error)
               + '<elementProp name="ThreadGroup.main_controller" elementType="LoopController" '
                 'guiclass="LoopControlPanel" testclass="LoopController">'
               + b("LoopController.continue_forever", False) + s("LoopController.loops", loops) + "</elementProp>"
               + s("ThreadGroup.num_threads", threads) + s("ThreadGroup.ramp_time", ramp)
               + b("ThreadGroup.scheduler", scheduler) + s("ThreadGroup.duration", duration)
               + s("ThreadGroup.delay", delay) + b("ThreadGroup.same_user_on_next_iteration", True)
               + b("ThreadGroup.delayedStart", True) + f"</{kind}>")
    return node(element, children)


def loop(name, loops, children):
    return node(f'<LoopController guiclass="LoopControlPanel" testclass="LoopController" testname="{escape(name)}">'
                + b("LoopController.continue_forever", True) + s("LoopController.loops", loops)
                + "</LoopController>", children)


def sync_timer(name, group_size):
    return (f'<SyncTimer guiclass="TestBeanGUI" testclass="SyncTimer" testname="{escape(name)}">'
            + s("groupSize", group_size) + s("timeoutInMs", "120000") + "</SyncTimer>")


def think(name, millis):
    return (f'<ConstantTimer guiclass="ConstantTimerGui" testclass="ConstantTimer" testname="{escape(name)}">'
            + s("ConstantTimer.delay", millis) + "</ConstantTimer>")


def plan(name, comment, children):
    defaults = ('<ConfigTestElement guiclass="HttpDefaultsGui" testclass="ConfigTestElement" testname="HTTP defaults">'
                '<elementProp name="HTTPsampler.Arguments" elementType="Arguments" guiclass="HTTPArgumentsPanel" '
                'testclass="Arguments"><collectionProp name="Arguments.arguments"/></elementProp>'
                + s("HTTPSampler.domain", "${__P(host,localhost)}") + s("HTTPSampler.port", "${__P(port,9080)}")
                + s("HTTPSampler.protocol", "${__P(protocol,http)}")
                + s("HTTPSampler.implementation", "HttpClient4")
                + s("HTTPSampler.connect_timeout", "5000") + s("HTTPSampler.response_timeout", "30000")
                + "</ConfigTestElement>")
    test_plan = (f'<TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="{escape(name)}">'
                 + s("TestPlan.comments", comment) + b("TestPlan.functional_mode", False)
                 + b("TestPlan.serialize_threadgroups", False) + b("TestPlan.tearDown_on_shutdown", True)
                 + '<elementProp name="TestPlan.user_defined_variables" elementType="Arguments" '
                   'guiclass="ArgumentsPanel" testclass="Arguments"><collectionProp name="Arguments.arguments"/>'
                   '</elementProp></TestPlan>')
    body = node(test_plan, [defaults, "<hashTree/>",
                            headers("JSON", [("Content-Type", "application/json"), ("Accept", "application/json")]),
                            "<hashTree/>"] + children)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">' + "<hashTree>" + body
            + "</hashTree></jmeterTestPlan>\n")


COMMON_DEFAULTS = {"host": "localhost", "port": "9080", "protocol": "http", "adminUser": "admin",
                   "adminPassword": "", "adminPasswordFile": "target/flashsale-data/admin-password",
                   "auditTimeoutSeconds": "60", "breakAudit": "false", "api": "v1"}


def settings(plan_name, extra_defaults, extra=""):
    d = dict(COMMON_DEFAULTS, plan=plan_name, **extra_defaults)
    groovy_map = "[" + ", ".join(f"'{k}': '{v}'" for k, v in d.items()) + "]"
    return groovy("JSR223Sampler", "settings and counters",
                  SETTINGS.replace("[DEFAULTS]", groovy_map).replace("EXTRA", extra))


def admin(name, method, path, body, codes):
    return node(http(name, method, path, body), [
        headers("admin", [("Authorization", "Basic ${adminAuth}")]), "<hashTree/>",
        status_assertion("expected " + "/".join(codes), codes), "<hashTree/>"])


def create_v1():
    body = ('{"productName": "${__P(plan)} ${__time(yyyy-MM-dd HH:mm:ss)}", "totalStock": ${__P(stock)}, '
            '"startTime": "${__P(saleStart)}", "endTime": "${__P(saleEnd)}"}')
    return node(http("create sale (v1, admin)", "POST", "/api/v1/sales", body), [
        headers("admin", [("Authorization", "Basic ${adminAuth}")]), "<hashTree/>",
        status_assertion("expected 201", ["201"]), "<hashTree/>",
        groovy("JSR223PostProcessor", "remember the sale", REMEMBER_SALE), "<hashTree/>"])


def purchase(name_suffix="", timers=()):
    """The purchase on the API chosen by -Japi (v1 or seed), with the outcome bookkeeping."""
    children = ["" + groovy("JSR223Assertion", "classify the outcome", CLASSIFY), "<hashTree/>"]
    for t in timers:
        children += [t, "<hashTree/>"]
    v1 = node(http("POST purchase v1" + name_suffix, "POST", "/api/v1/sales/${__P(saleId)}/purchases",
                   '{"userIdentifier": "${shopper}"}'), children)
    seed = node(http("POST purchase seed" + name_suffix, "POST", "/api/flash-sale/purchase",
                     '{"userIdentifier": "${shopper}"}'), children)
    return [if_controller("v1 API", "${__P(apiV1)}", [v1]),
            if_controller("seed API", "${__P(apiSeed)}", [seed])]


def if_controller(name, condition, children):
    return node(f'<IfController guiclass="IfControllerPanel" testclass="IfController" testname="{escape(name)}">'
                + s("IfController.condition", condition) + b("IfController.evaluateAll", False)
                + b("IfController.useExpression", True) + "</IfController>", children)


def setup(plan_name, defaults, steps, extra=""):
    return thread_group("SetupThreadGroup", "setUp: settings and a fresh sale", 1, 1, 1,
                        [settings(plan_name, defaults, extra), "<hashTree/>"] + steps, on_error="stoptest")


def teardown():
    return teardown_with(AUDIT)


def teardown_with(audit):
    return thread_group("PostThreadGroup", "tearDown: audit the invariants", 1, 1, 1,
                        [groovy("JSR223Sampler", "AUDIT invariants", audit), "<hashTree/>"])


def pre(script, name="next shopper"):
    return [groovy("JSR223PreProcessor", name, script), "<hashTree/>"]


# ---------------------------------------------------------------------------------------------
# The plans
# ---------------------------------------------------------------------------------------------


def rush():
    defaults = {"stock": "100", "shoppers": "200", "attempts": "2", "rampUp": "1", "shopperPrefix": "rush-"}
    extra = "props.put('moreAttempts', String.valueOf(Math.max(0, Integer.parseInt(props.getProperty('attempts')) - 1)))"
    shoppers = thread_group("ThreadGroup", "shoppers: released at once", "${__P(shoppers)}", "${__P(rampUp)}", 1,
                            pre(THREAD_SHOPPER, "shopper of this thread")
                            + purchase(" #1", [sync_timer("release every shopper at once", "${__P(shoppers)}")])
                            + [loop("further attempts, no think time", "${__P(moreAttempts)}", purchase(" #n"))])
    return plan("rush", "N shoppers released at the same instant on a sale of stock S; each tries `attempts` times, "
                        "think time 0.", [setup("rush", defaults, [create_v1()], extra), shoppers, teardown()])


def duplicate_storm():
    defaults = {"stock": "5", "shoppers": "10", "attempts": "200", "rampUp": "1", "shopperPrefix": "storm-"}
    shoppers = thread_group("ThreadGroup", "shoppers: many repeated attempts", "${__P(shoppers)}", "${__P(rampUp)}",
                            "${__P(attempts)}", pre(THREAD_SHOPPER, "shopper of this thread") + purchase())
    return plan("duplicate-storm", "Few shoppers, many repeated attempts each, think time 0.",
                [setup("duplicate-storm", defaults, [create_v1()]), shoppers, teardown()])


def browse_and_buy():
    defaults = {"stock": "100", "shoppers": "32", "iterations": "20", "rampUp": "5", "thinkMs": "0",
                "shopperPrefix": "bb-"}
    t = think("think time", "${__P(thinkMs)}")
    steps = (pre(NEXT_SHOPPER, "a new shopper each iteration") + [
        t, "<hashTree/>",
        http("GET sales list", "GET", "/api/v1/sales"), "<hashTree/>",
        http("GET sale page", "GET", "/api/v1/sales/${__P(saleId)}"), "<hashTree/>",
        http("GET seed status", "GET", "/api/flash-sale/status"), "<hashTree/>",
    ] + purchase() + [
        if_controller("v1 check", "${__P(apiV1)}", [
            node(http("GET receipt v1", "GET", "/api/v1/sales/${__P(saleId)}/purchases/${shopper}"),
                 [status_assertion("receipt or 404", ["200", "404"]), "<hashTree/>"])]),
        if_controller("seed check", "${__P(apiSeed)}", [
            http("GET check-purchase seed", "GET", "/api/flash-sale/check-purchase/${shopper}"), "<hashTree/>"]),
    ])
    shoppers = thread_group("ThreadGroup", "shoppers: list, sale page, status, buy, check", "${__P(shoppers)}",
                            "${__P(rampUp)}", "${__P(iterations)}", steps)
    return plan("browse-and-buy", "A realistic mix per shopper: list sales, open the sale page, poll the status, "
                                  "buy, check the purchase. Each iteration is a new shopper.",
                [setup("browse-and-buy", defaults, [create_v1()]), shoppers, teardown()])


# queue-rush: a waiting room in front of the sale. Each thread joins, follows its ticket (bounded polls, a
# think time between them) and buys with its admission token once admitted.
JOIN_TICKET = r"""
def code = prev.getResponseCode()
def body = prev.getResponseDataAsString()
vars.put('following', 'false')
vars.put('admissionToken', '')
if (code == '409' && (body.contains('/problems/sold-out') || body.contains('/problems/sale-ended'))) {
    // the line closed before this shopper arrived: an expected outcome, not an error
    props.get('queue.statuses').computeIfAbsent('refused at join: ' + (body.contains('sold-out') ? 'sold-out' : 'sale-ended'),
            { k -> new java.util.concurrent.atomic.AtomicLong() }).incrementAndGet()
    prev.setSuccessful(true)
    return
}
if (code != '200') {
    props.get('audit.unexpected').incrementAndGet()
    props.get('audit.outcomes').computeIfAbsent('join ' + code, { k -> new java.util.concurrent.atomic.AtomicLong() }).incrementAndGet()
    prev.setSuccessful(false)
    prev.setResponseMessage('join answered ' + code + ': ' + body.take(300))
    return
}
def t = new groovy.json.JsonSlurper().parseText(body)
vars.put('ticket', t.ticket)
vars.put('polls', '0')
if (!props.get('queue.joined').add(vars.get('shopper'))) { props.get('queue.joinedTwice').incrementAndGet() }
if (!props.get('queue.tickets').add(t.ticket)) { props.get('queue.ticketTwice').incrementAndGet() }
FOLLOW
"""

# After a join or a follow: admitted (take the token), still waiting (follow again while polls remain),
# or told the line is closed (sold out, ended, cancelled). Counted per status for the audit.
FOLLOW = r"""
def outcomeOf = { String name -> props.get('queue.statuses').computeIfAbsent(name, { k -> new java.util.concurrent.atomic.AtomicLong() }).incrementAndGet() }
if (t.status == 'admitted') {
    if (!t.admissionToken) { throw new IllegalStateException('admitted without a token: ' + body) }
    vars.put('admissionToken', t.admissionToken)
    vars.put('following', 'false')
    if (!props.get('queue.admitted').add(vars.get('shopper'))) { props.get('queue.admittedTwice').incrementAndGet() }
    outcomeOf('admitted')
} else if (t.status == 'waiting' || t.status == 'early') {
    int polls = Integer.parseInt(vars.get('polls'))
    if (polls >= Integer.parseInt(props.getProperty('maxPolls'))) {
        vars.put('following', 'false')
        outcomeOf('gave up after ' + polls + ' polls')
        props.get('queue.gaveUp').incrementAndGet()
    } else {
        vars.put('following', 'true')
    }
} else {
    vars.put('following', 'false')
    outcomeOf(t.status)
}
"""

FOLLOW_TICKET = r"""
def code = prev.getResponseCode()
def body = prev.getResponseDataAsString()
vars.put('polls', String.valueOf(Integer.parseInt(vars.get('polls')) + 1))
vars.put('following', 'false') // set again below only while waiting: a failing script ends the loop
if (code != '200') {
    props.get('audit.unexpected').incrementAndGet()
    props.get('audit.outcomes').computeIfAbsent('follow ' + code, { k -> new java.util.concurrent.atomic.AtomicLong() }).incrementAndGet()
    prev.setSuccessful(false)
    prev.setResponseMessage('follow answered ' + code + ': ' + body.take(300))
    return
}
def t = new groovy.json.JsonSlurper().parseText(body)
FOLLOW
"""

# Before the join (a pre-processor of the join alone: at thread-group level it would run before every
# sampler): nothing to follow, no token (the loop and the purchase stay off if the join fails).
QUEUE_START = r"""
vars.put('following', 'false')
vars.put('admissionToken', '')
vars.put('polls', '0')
"""

QUEUE_SETTINGS = r"""
props.put('queue.joined', ConcurrentHashMap.newKeySet())
props.put('queue.tickets', ConcurrentHashMap.newKeySet())
props.put('queue.admitted', ConcurrentHashMap.newKeySet())
props.put('queue.statuses', new ConcurrentHashMap())
props.put('queue.joinedTwice', new AtomicLong())
props.put('queue.ticketTwice', new AtomicLong())
props.put('queue.admittedTwice', new AtomicLong())
props.put('queue.gaveUp', new AtomicLong())
"""

# The waiting room's own invariants, checked after the shared ones: every buyer was admitted, nobody joined
# or was admitted twice, the room's counters agree with the sale and with what the shoppers saw, and no
# purchase was refused for its admission (every answer classified: unexpected == 0).
QUEUE_AUDIT = r"""
    def queue = new JsonSlurper().parseText(call('/api/v1/sales/' + saleId + '/queue'))
    def joined = props.get('queue.joined')
    def admittedSeen = props.get('queue.admitted')
    report << 'waiting room ' << queue << ', shoppers joined ' << joined.size() << ', admitted seen ' << admittedSeen.size()
    report << ', ticket statuses ' << props.get('queue.statuses') << ', gave up ' << props.get('queue.gaveUp').get() << '\n'
    check(unexpected == 0, unexpected + ' answers were neither a ticket nor a purchase outcome (403 admission refusals included)')
    check(props.get('queue.joinedTwice').get() == 0 && props.get('queue.ticketTwice').get() == 0, 'a shopper joined twice or two shoppers got one ticket')
    check(props.get('queue.admittedTwice').get() == 0, props.get('queue.admittedTwice').get() + ' shoppers were admitted twice')
    check(props.get('audit.buyers').every { admittedSeen.contains(it) }, 'a shopper bought without having been admitted')
    check(shoppers == admittedSeen.size(), 'admitted shoppers ' + admittedSeen.size() + ' != shoppers who tried to buy ' + shoppers)
    check(queue.joined == joined.size(), 'the room counted ' + queue.joined + ' joins, the shoppers ' + joined.size())
    check(queue.admitted >= admittedSeen.size() && queue.admitted <= joined.size(),
            'the room admitted ' + queue.admitted + ', shoppers saw ' + admittedSeen.size() + ' of ' + joined.size() + ' admitted')
    check(queue.bought == audit.unitsSold, 'the room counted ' + queue.bought + ' admissions spent, units sold ' + audit.unitsSold)
    check(audit.unitsSold == Math.min(stock, admittedSeen.size()) + (props.getProperty('breakAudit') == 'true' ? 1 : 0),
            'units sold ' + audit.unitsSold + ' != min(stock, admitted buyers) = ' + Math.min(stock, admittedSeen.size()))
"""

CONSISTENT_CHECK = "    check(audit.consistent == true, 'the service reports the sale inconsistent')\n"


def create_v1_waiting_room():
    body = ('{"productName": "${__P(plan)} ${__time(yyyy-MM-dd HH:mm:ss)}", "totalStock": ${__P(stock)}, '
            '"startTime": "${__P(saleStart)}", "endTime": "${__P(saleEnd)}", "waitingRoom": '
            '{"admissionRatePerSecond": ${__P(admissionRate)}, "admissionValiditySeconds": ${__P(admissionValiditySeconds)}, '
            '"shuffleEarlyArrivals": false}}')
    return node(http("create sale with a waiting room (v1, admin)", "POST", "/api/v1/sales", body), [
        headers("admin", [("Authorization", "Basic ${adminAuth}")]), "<hashTree/>",
        status_assertion("expected 201", ["201"]), "<hashTree/>",
        groovy("JSR223PostProcessor", "remember the sale", REMEMBER_SALE), "<hashTree/>"])


def while_controller(name, condition, children):
    return node(f'<WhileController guiclass="WhileControllerGui" testclass="WhileController" testname="{escape(name)}">'
                + s("WhileController.condition", condition) + "</WhileController>", children)


def queue_rush():
    defaults = {"stock": "100", "shoppers": "300", "rampUp": "2", "admissionRate": "100",
                "admissionValiditySeconds": "120", "maxPolls": "60", "pollMs": "500", "shopperPrefix": "qr-"}
    join = node(http("POST join the queue", "POST", "/api/v1/sales/${__P(saleId)}/queue",
                     '{"userIdentifier": "${shopper}"}'), pre(QUEUE_START, "nothing to follow yet") + [
        groovy("JSR223PostProcessor", "ticket", JOIN_TICKET.replace("FOLLOW", FOLLOW)), "<hashTree/>"])
    follow = node(http("GET follow the ticket", "GET", "/api/v1/sales/${__P(saleId)}/queue/${ticket}"), [
        think("think time between polls", "${__P(pollMs)}"), "<hashTree/>",
        groovy("JSR223PostProcessor", "status", FOLLOW_TICKET.replace("FOLLOW", FOLLOW)), "<hashTree/>"])
    classify = [groovy("JSR223Assertion", "classify the outcome", CLASSIFY), "<hashTree/>"]
    buy = node(http("POST purchase with the admission token", "POST", "/api/v1/sales/${__P(saleId)}/purchases",
                    '{"userIdentifier": "${shopper}"}'),
               [headers("admission", [("Admission-Token", "${admissionToken}")]), "<hashTree/>"] + classify)
    steps = (pre(THREAD_SHOPPER, "shopper of this thread") + [
        join, while_controller("follow while waiting (at most maxPolls)", "${following}", [follow]),
        if_controller("admitted: buy", '${__jexl3("${admissionToken}" != "")}', [buy])])
    shoppers = thread_group("ThreadGroup", "shoppers: join, follow until admitted, buy", "${__P(shoppers)}",
                            "${__P(rampUp)}", 1, steps)
    audit = teardown_with(AUDIT.replace(CONSISTENT_CHECK, CONSISTENT_CHECK + QUEUE_AUDIT.lstrip("\n")))
    return plan("queue-rush", "A sale with a waiting room (admissionRate per second): N shoppers join over rampUp, "
                              "follow their tickets every pollMs (at most maxPolls times) and buy with the admission "
                              "token once admitted.",
                [setup("queue-rush", defaults, [create_v1_waiting_room()], QUEUE_SETTINGS), shoppers, audit])


SEED_PHASES = [(60, 167), (120, 100), (180, 50), (60, 25)]  # (seconds, new users per second)


def seed_plan():
    defaults = {"stock": "200", "scale": "1", "api": "seed"}
    # one thread per user, started at the phase's arrival rate; phases start one after another
    extra_lines = ["def scale = Double.parseDouble(props.getProperty('scale'))", "long offset = 0"]
    for i, (secs, rate) in enumerate(SEED_PHASES, start=1):
        extra_lines += [f"long d{i} = Math.max(1, Math.round({secs} * scale))",
                        f"props.put('phase{i}.users', String.valueOf(Math.max(1, Math.round({rate} * d{i}))))",
                        f"props.put('phase{i}.seconds', String.valueOf(d{i}))",
                        f"props.put('phase{i}.delay', String.valueOf(offset))",
                        f"props.put('phase{i}.duration', String.valueOf(d{i} + 30))",
                        f"offset += d{i}"]
    reset = admin("reset-all (seed, admin)", "POST", "/api/admin/reset-all", "", ["200"])
    create_body = ('{"productName": "seed plan ${__time(yyyy-MM-dd HH:mm:ss)}", "totalStock": ${__P(stock)}, '
                   '"startTime": "${__P(saleStart)}", "endTime": "${__P(saleEnd)}"}')
    create = node(http("create sale (seed, admin)", "POST", "/api/flash-sale/create", create_body), [
        headers("admin", [("Authorization", "Basic ${adminAuth}")]), "<hashTree/>",
        status_assertion("expected 201", ["201"]), "<hashTree/>",
        groovy("JSR223PostProcessor", "remember the sale", REMEMBER_SALE), "<hashTree/>"])
    user = (pre(RANDOM_SHOPPER, "a fresh random identifier") + [
        http("GET status", "GET", "/api/flash-sale/status"), "<hashTree/>",
        node(http("GET status again", "GET", "/api/flash-sale/status"), [think("think 0.1 s", 100), "<hashTree/>"]),
    ] + purchase(timers=[think("think 0.1 s", 100)]))
    phases = [thread_group("ThreadGroup", f"phase {i}: {secs} s at {rate} users/s (x scale)",
                           "${__P(phase%d.users)}" % i, "${__P(phase%d.seconds)}" % i, 1, user,
                           delay="${__P(phase%d.delay)}" % i, duration="${__P(phase%d.duration)}" % i)
              for i, (secs, rate) in enumerate(SEED_PHASES, start=1)]
    return plan("seed-plan", "The original system's load plan (SEED_API.md): four arrival-rate phases, each user "
                             "GET status, 0.1 s, GET status, 0.1 s, POST purchase with a fresh identifier. "
                             "Durations are multiplied by -Jscale.",
                [setup("seed-plan", defaults, [reset, create], "\n".join(extra_lines))] + phases + [teardown()])


if __name__ == "__main__":
    for file_name, build in [("rush.jmx", rush), ("duplicate-storm.jmx", duplicate_storm),
                             ("browse-and-buy.jmx", browse_and_buy), ("seed-plan.jmx", seed_plan),
                             ("queue-rush.jmx", queue_rush)]:
        pretty = minidom.parseString(build()).toprettyxml(indent="  ", encoding="UTF-8").decode("utf-8")
        (HERE / file_name).write_text(pretty, encoding="utf-8")
        print("wrote", HERE / file_name)
