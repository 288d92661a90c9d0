package dev.backtrack.reliability;

import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain RocketMQ producer whose every stored message (key = its id, body = its id as a JSON string) is recorded in
 * a {@link MessageLedger}.
 */
final class LedgerProducer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerProducer.class);
    private static final int BATCH = 64;

    private final DefaultMQProducer producer;
    private final MessageLedger ledger;
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Thread steady;
    private volatile boolean producing;
    private volatile Throwable steadyFailure;

    LedgerProducer(String nameServer, MessageLedger ledger) throws Exception {
        this.ledger = ledger;
        producer = TestClients.newProducer(nameServer, "ledger-producer-" + UUID.randomUUID(), null);
        producer.setRetryTimesWhenSendFailed(0);
        producer.start();
    }

    /** Sends {@code count} messages in batches spread over every queue of the topic. */
    void sendBulk(int count) throws Exception {
        List<MessageQueue> queues = producer.fetchPublishMessageQueues(ledger.topic());
        int sent = 0;
        int round = 0;
        while (sent < count) {
            int size = Math.min(BATCH, count - sent);
            List<Message> batch = new ArrayList<>(size);
            List<String> ids = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                String id = nextId();
                ids.add(id);
                batch.add(message(id));
            }
            SendResult result = producer.send(batch, queues.get(round++ % queues.size()));
            if (result.getSendStatus() != SendStatus.SEND_OK) {
                throw new IllegalStateException("Batch not stored: " + result);
            }
            String[] offsetIds = result.getOffsetMsgId().split(",");
            for (int i = 0; i < ids.size(); i++) {
                ledger.produced(ids.get(i), offsetIds[i]);
            }
            sent += size;
        }
    }

    /** Sends one message after another at about {@code perSecond}, until {@link #stopSteady()}. */
    void startSteady(int perSecond) {
        producing = true;
        long intervalNanos = 1_000_000_000L / perSecond;
        steady = new Thread(() -> {
            long next = System.nanoTime();
            while (producing) {
                String id = nextId();
                try {
                    SendResult result = producer.send(message(id));
                    if (result.getSendStatus() == SendStatus.SEND_OK) {
                        ledger.produced(id, result.getOffsetMsgId());
                    }
                } catch (Exception e) {
                    // not stored (or not known to be): not in the ledger; a fault scenario may cause this
                    log.warn("Send of {} failed: {}", id, e.toString());
                } catch (Throwable e) {
                    steadyFailure = e;
                    return;
                }
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "ledger-producer-steady");
        steady.start();
    }

    /** Stops steady production and waits for the last send. */
    void stopSteady() throws InterruptedException {
        producing = false;
        if (steady != null) {
            steady.join(30_000);
        }
        if (steadyFailure != null) {
            throw new IllegalStateException("Steady production failed", steadyFailure);
        }
    }

    private String nextId() {
        return String.format("m-%07d", sequence.getAndIncrement());
    }

    private Message message(String id) {
        // A JSON string: the binder's fastjson converter parses every payload as JSON, whatever the content type.
        Message message = new Message(ledger.topic(), ("\"" + id + "\"").getBytes(StandardCharsets.UTF_8));
        message.setKeys(id);
        return message;
    }

    @Override
    public void close() throws InterruptedException {
        stopSteady();
        producer.shutdown();
    }
}
