package dev.backtrack.embedded;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.jspecify.annotations.Nullable;

/**
 * Runs ONE RocketMQ name server or ONE broker in a process of its own, over a store directory it keeps, so that a
 * broker killed with SIGKILL can be started again over the same store. Prints a line starting with {@value #READY}
 * and the address once it serves, then runs until the process ends.
 *
 * <pre>
 * namesrv PORT STORE_DIR
 * broker NAME NAME_SERVER_ADDRESS PORT STORE_DIR [COMMIT_LOG_FILE_SIZE_BYTES]
 * </pre>
 *
 * A broker listens on PORT, PORT-2 and PORT+1 (HA); PORT 0 means any free port(s). Exit code 2 on bad arguments.
 */
public final class StandaloneRocketMq {

    /** The start of the line printed once the server answers. */
    public static final String READY = "READY ";
    /** The exit code for arguments that cannot be used. */
    public static final int USAGE_EXIT_CODE = 2;
    static final String USAGE = "Usage: StandaloneRocketMq namesrv PORT STORE_DIR\n"
            + "       StandaloneRocketMq broker NAME NAME_SERVER_ADDRESS PORT STORE_DIR [COMMIT_LOG_FILE_SIZE_BYTES]\n"
            + "PORT: 0 (any free port) or 1 to 65534 (a broker also uses PORT-2 and PORT+1); NAME: letters, digits, "
            + "'-' and '_'; NAME_SERVER_ADDRESS: host:port; COMMIT_LOG_FILE_SIZE_BYTES: at least 1048576 (default "
            + EmbeddedRocketMqConfig.DEFAULT_COMMIT_LOG_FILE_SIZE + ")";

    private StandaloneRocketMq() {
    }

    /** Starts what the arguments name and blocks; exits with {@value #USAGE_EXIT_CODE} on bad arguments. */
    public static void main(String[] args) throws Exception {
        Server server;
        try {
            server = parse(args);
        } catch (IllegalArgumentException | EmbeddedRocketMqException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(USAGE_EXIT_CODE);
            return;
        }
        run(server, System.out);
        new CountDownLatch(1).await();
    }

    /** What to run, as read from the arguments; fails with what was wrong and what is accepted. */
    static Server parse(String[] args) {
        if (args == null || args.length == 0) {
            throw new IllegalArgumentException("No arguments: say what to run, namesrv or broker");
        }
        switch (args[0]) {
            case "namesrv" -> {
                requireCount(args, 3, 3);
                return new Server(false, null, null, port(args[1]), storeDir(args[2]),
                        EmbeddedRocketMqConfig.DEFAULT_COMMIT_LOG_FILE_SIZE);
            }
            case "broker" -> {
                requireCount(args, 5, 6);
                int fileSize = args.length == 6 ? number(args[5], "commit-log file size")
                        : EmbeddedRocketMqConfig.DEFAULT_COMMIT_LOG_FILE_SIZE;
                EmbeddedRocketMqConfig.builder(Path.of(".")).commitLogFileSize(fileSize); // checks the size
                int port = port(args[3]);
                if (port != 0 && port < 3) {
                    throw new IllegalArgumentException("Broker port " + port + " is out of range; accepted: 0 or 3 "
                            + "to 65534 (the broker also listens on port-2)");
                }
                return new Server(true, brokerName(args[1]), nameServer(args[2]), port, storeDir(args[4]), fileSize);
            }
            default -> throw new IllegalArgumentException("Unknown server '" + quote(args[0])
                    + "'; accepted: namesrv or broker");
        }
    }

    /** Starts the server and prints the ready line on {@code out}; returns what to close to stop it. */
    static AutoCloseable run(Server server, PrintStream out) throws Exception {
        if (System.getProperty(RemotingCommand.REMOTING_VERSION_KEY) == null) {
            System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        }
        PlainTextServers.unlessConfigured();
        StoreDirectory.prepare(server.storeDir());
        AutoCloseable stop;
        String ready;
        if (server.broker()) {
            int port = server.port() == 0 ? LoopbackPorts.freeBrokerPort() : server.port();
            int haPort = server.port() == 0 ? LoopbackPorts.anyFree() : server.port() + 1;
            EmbeddedRocketMqConfig config = EmbeddedRocketMqConfig.builder(server.storeDir())
                    .commitLogFileSize(server.commitLogFileSize()).build();
            EmbeddedBroker broker = new EmbeddedBroker(config, server.name(), port, haPort, server.nameServer());
            broker.start();
            broker.controller().registerBrokerAll(true, false, true);
            stop = broker::stop;
            ready = READY + "broker " + server.name() + " " + broker.address();
        } else {
            int port = server.port() == 0 ? LoopbackPorts.anyFree() : server.port();
            EmbeddedNameServer nameServer = new EmbeddedNameServer(server.storeDir(), port);
            nameServer.start();
            stop = nameServer::stop;
            ready = READY + "namesrv " + nameServer.address();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.close();
            } catch (Exception e) {
                // the process is ending anyway
            }
        }, FastStoppingBrokerController.STOPPING_THREAD_PREFIX + "-standalone"));
        out.println(ready);
        out.flush();
        return stop;
    }

    private static void requireCount(String[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            throw new IllegalArgumentException(args[0] + " takes " + (min == max ? (min - 1) + "" : (min - 1) + " or "
                    + (max - 1)) + " arguments, got " + (args.length - 1));
        }
    }

    private static int port(String value) {
        int port = number(value, "port");
        if (port < 0 || port > 65534) {
            throw new IllegalArgumentException("Port " + port + " is out of range; accepted: 0 (any free port) or "
                    + "1 to 65534");
        }
        return port;
    }

    private static int number(String value, String what) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + what + " '" + quote(value) + "' is not a whole number");
        }
    }

    private static Path storeDir(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("The store directory is empty; give a directory path");
        }
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("The store directory '" + quote(value) + "' is not a valid path");
        }
    }

    private static String brokerName(String value) {
        if (!value.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("Broker name '" + quote(value) + "' is not accepted; use 1 to 64 "
                    + "letters, digits, '-' or '_'");
        }
        return value;
    }

    private static String nameServer(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("Name server address '" + quote(value) + "' is not host:port");
        }
        int port = number(value.substring(colon + 1), "name server port");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Name server address '" + quote(value) + "' has port " + port
                    + "; accepted: 1 to 65535");
        }
        return value;
    }

    private static String quote(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }

    /**
     * One server to run.
     *
     * @param broker a broker (true) or a name server (false)
     * @param name the broker's name, null for a name server
     * @param nameServer the name server the broker registers with, null for a name server
     * @param port the listen port, 0 for any free one
     * @param storeDir where the files are kept (a broker keeps its own under STORE_DIR/NAME)
     * @param commitLogFileSize the broker's commit-log file size in bytes
     */
    record Server(boolean broker, @Nullable String name, @Nullable String nameServer, int port, Path storeDir,
            int commitLogFileSize) {
    }
}
