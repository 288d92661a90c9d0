package dev.backtrack.benchmarks;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A name server and one broker in a process of their own, over a given store, on free ports: the "already-running
 * broker" of the embedding-cost benchmark. Prints {@value #READY} and the name-server address, then runs until killed.
 */
final class StandaloneBroker {

    static final String READY = "BROKER READY ";

    private StandaloneBroker() {
    }

    static void run(String[] args) throws InterruptedException {
        if (args.length != 1) {
            throw new BenchmarkUsageException("broker: give exactly one argument, the store directory; got "
                    + args.length);
        }
        EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(Path.of(args[0])).build()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(mq::close, "broker-shutdown"));
        System.out.println(READY + mq.nameServerAddress());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
