import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.CountDownLatch;

/**
 * The MongoDB-wire-compatible mongo-java-server with its memory backend, reporting MongoDB 5.0,
 * bound to 127.0.0.1, in a JVM of its own (so its CPU is measured apart from the app server's).
 * Launched by bench/run as a single-file program: {@code java -cp <jars> MongoMemoryServer.java <port>}.
 * It keeps nothing: a benchmark starts from empty stores.
 */
public final class MongoMemoryServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        MemoryBackend backend = new MemoryBackend();
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "mongo-server-shutdown"));
        server.bind("127.0.0.1", port);
        System.out.println("mongo-java-server (memory, reports 5.0) listening on 127.0.0.1:" + port);
        stopped.await();
    }
}
