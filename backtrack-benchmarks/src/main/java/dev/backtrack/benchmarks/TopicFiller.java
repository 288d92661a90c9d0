package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.RocketMqAdmin;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/** Fills every queue of a topic on one broker with the same number of messages, in batches. */
final class TopicFiller {

    private static final int BUSY_ATTEMPTS = 20;

    private final String nameServer;
    private final int batchSize;

    TopicFiller(String nameServer, int batchSize) {
        this.nameServer = nameServer;
        this.batchSize = batchSize;
    }

    /**
     * Sends {@code perQueue} messages to each of {@code queues} queues of {@code topic} on broker-a, round by round, and
     * returns the wall-clock time taken just before the round that starts the second half.
     */
    long fill(String topic, int queues, int perQueue, LongFunction<byte[]> body) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("bench-filler");
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setSendMsgTimeout(30_000);
        producer.start();
        long middle = 0;
        long sequence = 0;
        try {
            for (int sent = 0; sent < perQueue; sent += batchSize) {
                if (sent >= perQueue / 2 && middle == 0) {
                    middle = System.currentTimeMillis();
                }
                for (int queueId = 0; queueId < queues; queueId++) {
                    int size = Math.min(batchSize, perQueue - sent);
                    List<Message> batch = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        batch.add(new Message(topic, body.apply(sequence++)));
                    }
                    send(producer, batch, new MessageQueue(topic, "broker-a", queueId));
                }
            }
        } finally {
            producer.shutdown();
        }
        return middle;
    }

    /**
     * Sends one batch, again after a pause while the broker answers that it is busy (it sheds load when the machine is
     * overloaded), at most {@value #BUSY_ATTEMPTS} times.
     */
    private static void send(DefaultMQProducer producer, List<Message> batch, MessageQueue queue) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.send(batch, queue);
                return;
            } catch (MQBrokerException e) {
                if (e.getResponseCode() != ResponseCode.SYSTEM_BUSY || attempt == BUSY_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(200L * attempt);
            }
        }
    }

    /** Waits until the broker has indexed {@code perQueue} messages in every queue (dispatch is asynchronous). */
    static void awaitIndexed(RocketMqAdmin admin, String topic, long perQueue) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (true) {
            long unfilled = admin.queues(topic).stream()
                    .filter(q -> admin.maxOffset(q.brokerAddress(), q.queue()) != perQueue).count();
            if (unfilled == 0) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(topic + ": " + unfilled + " queues do not hold " + perQueue + " messages");
            }
            Thread.sleep(50);
        }
    }
}
