package com.flashsale.it.process;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The MongoDB-wire-compatible {@code mongo-java-server} on an H2 file, as its own process (so a
 * test can pause it with SIGSTOP or kill it). Reports MongoDB 5.0, as the embedded server does.
 * Arguments: {@code <port> <h2-file>}; binds 127.0.0.1; a SIGTERM closes the H2 file cleanly.
 */
public final class MongoServerMain {

    private MongoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        H2Backend backend = new H2Backend(file.toString());
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
            stopped.countDown();
        }, "mongo-server-shutdown"));
        server.bind("127.0.0.1", port);
        System.out.println("mongo-java-server listening on 127.0.0.1:" + port + ", data in " + file);
        stopped.await();
    }
}
