import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waiting-room side of bench/queue: puts shoppers in a sale's line and collects what wrk needs.
 * No dependencies: {@code java bench/queue/QueueCrowd.java <command> ...}.
 *
 * <pre>
 *   join  BASE SALE PREFIX COUNT WORKERS OUT           joins PREFIX0..PREFIX(COUNT-1); OUT: one ticket a line
 *   admit BASE SALE PREFIX COUNT WORKERS OUT PASSWORD  joins them, admits them all (rate 10000/s, the most, admin PUT),
 *                                                      waits until the counters say COUNT admitted, follows every
 *                                                      ticket; OUT: "shopper token" a line (each token buys once)
 * </pre>
 * Fails (exit 1) on any unexpected answer.
 */
public class QueueCrowd {

    private static final Pattern TICKET = Pattern.compile("\"ticket\":\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"admissionToken\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([^\"]+)\"");
    private static final Pattern ADMITTED = Pattern.compile("\"admitted\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] a) throws Exception {
        String command = a[0], base = a[1], sale = a[2], prefix = a[3];
        int count = Integer.parseInt(a[4]), workers = Integer.parseInt(a[5]);
        Path out = Path.of(a[6]);
        String queue = base + "/api/v1/sales/" + sale + "/queue";
        long t0 = System.nanoTime();
        List<String> tickets = each(count, workers, i -> {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(queue)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userIdentifier\":\"" + prefix + i + "\"}")));
            return group(TICKET, r, "join " + prefix + i);
        });
        System.err.printf("QueueCrowd: %d joined in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        if (command.equals("join")) {
            Files.write(out, tickets);
            return;
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + a[7]).getBytes(StandardCharsets.UTF_8));
        send(HttpRequest.newBuilder(URI.create(queue + "/admission")).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"admissionRatePerSecond\":10000,\"paused\":false}")));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> c = send(HttpRequest.newBuilder(URI.create(queue)).header("Authorization", auth).GET());
            long admitted = Long.parseLong(group(ADMITTED, c, "counters"));
            if (admitted >= count) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + admitted + " of " + count + " admitted after 120 s");
            }
            Thread.sleep(200);
        }
        List<String> lines = each(count, workers, i -> {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(queue + "/" + tickets.get(i))).GET());
            String status = group(STATUS, r, "follow " + prefix + i);
            if (!status.equals("admitted")) {
                throw new IllegalStateException(prefix + i + " is " + status + ": " + r.body());
            }
            return prefix + i + " " + group(TOKEN, r, "token of " + prefix + i);
        });
        Files.write(out, lines);
        System.err.printf("QueueCrowd: %d admitted, tokens in %s after %.1f s%n", count, out, (System.nanoTime() - t0) / 1e9);
    }

    interface Call {
        String apply(int i) throws Exception;
    }

    private static List<String> each(int count, int workers, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.apply(index)));
            }
            List<String> results = new ArrayList<>(count);
            for (Future<String> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    private static String group(Pattern p, HttpResponse<String> r, String what) {
        Matcher m = p.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException(what + ": no " + p + " in " + r.body());
        }
        return m.group(1);
    }
}
