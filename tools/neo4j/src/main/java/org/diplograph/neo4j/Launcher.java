package org.diplograph.neo4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a real embedded Neo4j (Community) DBMS with the Bolt connector on 127.0.0.1.
 *
 * <pre>
 * java [JVM flags, see start.sh] -cp 'target/classes:target/lib/*' org.diplograph.neo4j.Launcher \
 *     [--home DIR] [--port 7687] [--password PW] [--pagecache 512m] [--tx-max 1g] [--conf FILE]
 * </pre>
 *
 * Each option may also be given as a system property (-Ddiplograph.neo4j.home=..., .port, .password,
 * .pagecache, .txmax, .conf); command-line arguments win. The password may also come from the
 * environment variable NEO4J_PASSWORD (keeps it off the command line). Defaults: home
 * {@code .data/neo4j} (relative to the working directory), port 7687, password {@code diplograph-dev},
 * page cache 512m, per-transaction memory cap 1g (0 = unlimited; the global cap stays Neo4j's default,
 * 70% of the heap). --conf loads extra Neo4j settings from a neo4j.conf-style file.
 *
 * On every start the password of user {@code neo4j} is set to the configured one (no change
 * required), so the documented password always works. When Bolt accepts TCP connections exactly one
 * line {@code diplograph-neo4j ready bolt://127.0.0.1:PORT} is printed to stdout; Neo4j's own log
 * lines go to stderr (and HOME/logs/debug.log). SIGTERM/SIGINT shut the DBMS down cleanly.
 */
public final class Launcher {
    static final String DEFAULT_PASSWORD = "diplograph-dev";
    static final String USER = "neo4j";

    private Launcher() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            System.err.println("diplograph-neo4j failed: " + t);
            t.printStackTrace(System.err);
            System.err.flush();
            // exit (not return): Neo4j may have left non-daemon threads behind. If the DBMS was
            // already built, the shutdown hook stops it cleanly.
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> opt = parseArgs(args);
        Path home = Path.of(opt.get("home")).toAbsolutePath().normalize();
        int port = Integer.parseInt(opt.get("port"));
        String password = opt.get("password");
        long pageCache = ByteUnit.parse(opt.get("pagecache"));
        long txMax = ByteUnit.parse(opt.get("txmax"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("password must have at least 8 characters");
        }
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(System.err, Level.INFO));
        String conf = opt.get("conf");
        if (conf != null && !conf.isEmpty()) {
            builder.loadPropertiesFromFile(Path.of(conf));
        }
        builder.setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // Per-transaction cap; the global cap keeps Neo4j's default (70% of the heap).
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMax)
                // No "anonymous usage data" phone-home from a dev/test instance.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Netty's graceful-shutdown quiet period (default 5 s) only delays stop.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);

        DatabaseManagementService dbms = builder.build();

        AtomicBoolean stopped = new AtomicBoolean(false);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.compareAndSet(false, true)) {
                System.err.println("diplograph-neo4j shutting down");
                try {
                    dbms.shutdown();
                } catch (Throwable t) {
                    System.err.println("diplograph-neo4j shutdown error: " + t);
                }
                System.err.println("diplograph-neo4j stopped");
                System.err.flush();
            }
            done.countDown();
        }, "diplograph-neo4j-shutdown"));

        ensurePassword(dbms, password);
        waitForBolt(port, 60_000);

        System.out.println("diplograph-neo4j ready bolt://127.0.0.1:" + port);
        System.out.flush();
        done.await();
    }

    /**
     * Makes sure user neo4j logs in with {@code password} without a forced change. A quick check
     * through Neo4j's AuthManager (what Bolt logins use) avoids the first, slow Cypher query on
     * every restart; otherwise the password is set via the system database. Idempotent.
     */
    private static void ensurePassword(DatabaseManagementService dbms, String password) {
        long t0 = System.nanoTime();
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (canLogin(system, password)) {
            System.err.println("diplograph-neo4j password of user " + USER + " already set ("
                    + (System.nanoTime() - t0) / 1_000_000 + " ms)");
            return;
        }
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Same password, only the change-required flag (initial password) needs clearing.
            if (!messages(e).contains("Old password and new password cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD CHANGE NOT REQUIRED");
        }
        System.err.println("diplograph-neo4j password of user " + USER + " set ("
                + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    }

    private static boolean canLogin(GraphDatabaseService system, String password) {
        try {
            AuthManager auth = ((GraphDatabaseAPI) system).getDependencyResolver().resolveDependency(AuthManager.class);
            LoginContext login = auth.login(
                    AuthToken.newBasicAuthToken(USER, password.getBytes(StandardCharsets.UTF_8)),
                    ClientConnectionInfo.EMBEDDED_CONNECTION);
            return login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS;
        } catch (Exception | LinkageError e) {
            return false; // fall back to ALTER USER
        }
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static void waitForBolt(int port, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Bolt did not accept connections on 127.0.0.1:" + port, last);
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opt = new java.util.HashMap<>();
        opt.put("home", System.getProperty("diplograph.neo4j.home", ".data/neo4j"));
        opt.put("port", System.getProperty("diplograph.neo4j.port", "7687"));
        String envPassword = System.getenv("NEO4J_PASSWORD");
        opt.put("password", System.getProperty("diplograph.neo4j.password",
                envPassword == null || envPassword.isEmpty() ? DEFAULT_PASSWORD : envPassword));
        opt.put("pagecache", System.getProperty("diplograph.neo4j.pagecache", "512m"));
        opt.put("txmax", System.getProperty("diplograph.neo4j.txmax", "1g"));
        opt.put("conf", System.getProperty("diplograph.neo4j.conf", ""));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String key;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                key = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else if (a.startsWith("--") && i + 1 < args.length) {
                key = a.substring(2);
                value = args[++i];
            } else {
                throw new IllegalArgumentException("usage: Launcher [--home DIR] [--port N] [--password PW]"
                        + " [--pagecache SIZE] [--tx-max SIZE] [--conf FILE]; bad argument: " + a);
            }
            key = key.replace("-", "");
            if (!opt.containsKey(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
            opt.put(key, value);
        }
        return opt;
    }
}
