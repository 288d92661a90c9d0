package dev.backtrack.core.cluster;

/**
 * Shuts short-lived RocketMQ clients down on a background thread. A client's shutdown waits up to 3 s for its netty
 * event thread to notice, which would otherwise be added to every start-up positioning, rewind request and CLI command.
 */
public final class ClientCloser {

    private ClientCloser() {
    }

    /** Runs the shutdowns, in order, on a daemon thread named {@code name}. */
    public static void inBackground(String name, Runnable... shutdowns) {
        Thread closer = new Thread(() -> {
            for (Runnable shutdown : shutdowns) {
                shutdown.run();
            }
        }, name);
        closer.setDaemon(true);
        closer.start();
    }
}
