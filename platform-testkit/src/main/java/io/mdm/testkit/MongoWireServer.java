package io.mdm.testkit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVStore;
import org.jboss.logmanager.LogContext;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on the loopback interface. The services
 * talk to it over TCP with the real MongoDB driver. In memory for tests; in an H2 file for the
 * local stack, so its data survives restarts. It has no multi-document transactions, change
 * streams or TTL expiry, which the services do not rely on.
 */
public final class MongoWireServer implements AutoCloseable {

    /** The H2 page cache of the persistent server: large enough to keep a local stack's working set. */
    private static final int CACHE_MEGABYTES = 512;
    /**
     * H2 moves the live pages out of a file chunk once less than this share of it is live; its
     * default, 90 %, kept it rewriting pages that had just been written. A file of at most about
     * twice its data is a fair price on a developer's disk.
     */
    private static final int COMPACT_BELOW_PERCENT = 50;
    /**
     * H2 writes every changed B-tree page again at each commit, and a unique index on ids that
     * phones generate changes at random places: under ingest each commit rewrote most of the index.
     * By default H2 commits once a second and after each 1 MB of changes; here every 5 seconds
     * unless 128 MB of changes wait. A clean stop commits; a killed server loses at most the last
     * 5 seconds of writes, which a developer's local stack can afford (the tests run in memory).
     */
    private static final int COMMIT_EVERY_MILLIS = 5_000;
    private static final int COMMIT_AFTER_KILOBYTES = 128 * 1024;

    private final MongoServer server;
    private final InetSocketAddress address;

    private MongoWireServer(MongoBackend backend, int port) {
        quietDebugLogging();
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        this.address = new InetSocketAddress("127.0.0.1", port);
    }

    public static MongoWireServer inMemory() {
        return new MongoWireServer(new MemoryBackend(), FreePorts.next());
    }

    public static MongoWireServer persistent(Path file, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        MVStore store = new MVStore.Builder().fileName(file.toAbsolutePath().toString())
                .cacheSize(CACHE_MEGABYTES).autoCommitBufferSize(COMMIT_AFTER_KILOBYTES)
                .autoCompactFillRate(COMPACT_BELOW_PERCENT).open();
        store.setAutoCommitDelay(COMMIT_EVERY_MILLIS);
        return new MongoWireServer(new CompactH2Backend(store), port);
    }

    /**
     * The server logs every wire message at DEBUG. Where no Quarkus configured the log manager
     * (./mdm up, a plain JUnit run) every level passes, and it rendered each message, binary fields
     * as hex, for a line no handler prints: 40 % of its CPU under ingest load.
     */
    private static void quietDebugLogging() {
        LogContext.getLogContext().getLogger("de.bwaldvogel").setLevel(Level.INFO);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /**
     * Runs the persistent server in the foreground, for {@code ./mdm up}:
     * {@code MongoWireServer <port> <h2 file>}.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: MongoWireServer <port> <data file>");
            System.exit(2);
        }
        // Nothing configures the log manager in this process, so every level would pass: the JDK
        // alone traces each deserialization filter decision at TRACE.
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        MongoWireServer server = persistent(Path.of(args[1]), Integer.parseInt(args[0]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.err.println("MongoDB wire-protocol server listening on " + server.connectionString());
        stopped.await();
    }
}
