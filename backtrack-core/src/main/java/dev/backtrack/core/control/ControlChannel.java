package dev.backtrack.core.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.ClientCloser;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.cluster.RocketMqClients;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control topic that carries rewind orders to every instance and their acknowledgements back. Every channel reads
 * the topic from the moment it opened, without committing offsets, so each instance sees every new message.
 */
public class ControlChannel implements AutoCloseable {

    /** The control topic unless configured otherwise. */
    public static final String DEFAULT_TOPIC = "BACKTRACK_CONTROL";
    private static final String ORDER = "ORDER";
    private static final String ACK = "ACK";
    private static final Logger log = LoggerFactory.getLogger(ControlChannel.class);
    private static final long POLL_MILLIS = 100;
    private static final long FIRST_BACK_OFF_MILLIS = 100;
    private static final long LAST_BACK_OFF_MILLIS = 5_000;

    private final RocketMqAdmin admin;
    private final String topic;
    private final DefaultMQProducer producer;
    private final DefaultLitePullConsumer reader;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final List<Consumer<RewindOrder>> orderHandlers = new CopyOnWriteArrayList<>();
    private final List<Consumer<RewindAck>> ackHandlers = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean open = true;

    /** Opens the channel on the cluster of {@code admin}, creating the topic when it does not exist. */
    public ControlChannel(RocketMqAdmin admin, String topic) {
        this.admin = admin;
        this.topic = topic;
        admin.ensureTopic(topic, 1);
        RocketMqClients clients = RocketMqClients.of(admin, "control");
        producer = clients.producer("BACKTRACK_CONTROL_WRITER");
        reader = clients.litePullConsumer("BACKTRACK_CONTROL_READER");
        reader.setPullBatchSize(32);
        try {
            producer.start();
            reader.start();
            List<MessageQueue> queues = List.copyOf(reader.fetchMessageQueues(topic));
            reader.assign(queues);
            for (MessageQueue queue : queues) {
                reader.seekToEnd(queue);
            }
        } catch (Exception e) {
            ClientCloser.inBackground("backtrack-control-close", reader::shutdown, producer::shutdown);
            throw new RewindException("Cannot open the Backtrack control topic " + topic + ": " + e.getMessage(), e);
        }
        poller = new Thread(this::poll, "backtrack-control-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    /** The topic this channel carries orders and acknowledgements on. */
    public String topic() {
        return topic;
    }

    /** The admin connection the channel was opened on (owned by the caller, not closed with the channel). */
    public RocketMqAdmin admin() {
        return admin;
    }

    /** Calls {@code handler} for every rewind order sent after this channel opened. */
    public void onOrder(Consumer<RewindOrder> handler) {
        orderHandlers.add(handler);
    }

    /** Calls {@code handler} for every acknowledgement sent after this channel opened. */
    public void onAck(Consumer<RewindAck> handler) {
        ackHandlers.add(handler);
    }

    /** Stops calling a handler given to {@link #onAck}. */
    public void removeAckHandler(Consumer<RewindAck> handler) {
        ackHandlers.remove(handler);
    }

    /**
     * Readies the channel for its first order and acknowledgement, so that the first rewind does not wait for them:
     * fetches the topic's route for sending and loads the JSON codecs. A failure is only logged (sending fetches the
     * route itself).
     */
    public void warmUp() {
        try {
            producer.getDefaultMQProducerImpl().getMqClientFactory().updateTopicRouteInfoFromNameServer(topic);
            json.readValue(json.writeValueAsBytes(new RewindOrder("warm-up", "g", "t",
                    List.of(new QueueTarget("b", 0, 0)), "warm-up", 0)), RewindOrder.class);
            json.readValue(json.writeValueAsBytes(new RewindAck("warm-up", "c", "i", List.of("b/0"), null)),
                    RewindAck.class);
        } catch (Exception e) {
            log.debug("Warming up the control channel on {} failed: {}", topic, e.toString());
        }
    }

    /** Sends a rewind order to every instance. */
    public void send(RewindOrder order) {
        publish(ORDER, order.requestId(), order);
    }

    /** Sends an acknowledgement back to whoever ordered. */
    public void send(RewindAck ack) {
        publish(ACK, ack.requestId(), ack);
    }

    private void publish(String tag, String key, Object body) {
        try {
            producer.send(new Message(topic, tag, key, json.writeValueAsBytes(body)));
        } catch (Exception e) {
            throw new RewindException("Cannot send to the control topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Reads until closed; on a persistent error it waits longer each time (up to 5 s) and logs each new error once. */
    private void poll() {
        long backOff = FIRST_BACK_OFF_MILLIS;
        String lastError = null;
        while (open) {
            List<MessageExt> messages;
            try {
                messages = reader.poll(POLL_MILLIS);
            } catch (RuntimeException e) {
                if (!open) {
                    return;
                }
                if (!e.toString().equals(lastError)) {
                    lastError = e.toString();
                    log.warn("Reading the control topic {} fails: {} (retrying, with pauses growing up to {} ms)",
                            topic, lastError, LAST_BACK_OFF_MILLIS);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backOff));
                backOff = Math.min(backOff * 2, LAST_BACK_OFF_MILLIS);
                continue;
            }
            if (lastError != null) {
                log.info("Reading the control topic {} works again", topic);
                lastError = null;
                backOff = FIRST_BACK_OFF_MILLIS;
            }
            if (open) { // what is polled after close() is dropped
                messages.forEach(this::dispatch);
            }
        }
    }

    private void dispatch(MessageExt message) {
        if (ORDER.equals(message.getTags())) {
            RewindOrder order = read(message, RewindOrder.class);
            if (order != null) {
                orderHandlers.forEach(handler -> handle(handler, order, "rewind order " + order.requestId()));
            }
        } else if (ACK.equals(message.getTags())) {
            RewindAck ack = read(message, RewindAck.class);
            if (ack != null) {
                ackHandlers.forEach(handler -> handle(handler, ack, "acknowledgement of rewind order "
                        + ack.requestId() + " from " + ack.instance()));
            }
        }
    }

    private <T> @Nullable T read(MessageExt message, Class<T> type) {
        try {
            return json.readValue(message.getBody(), type);
        } catch (Exception e) {
            log.warn("Ignoring an unreadable control message {} (tag {}): {}", message.getMsgId(), message.getTags(),
                    e.toString());
            return null;
        }
    }

    /** Calls one handler; its failure is logged and neither stops the other handlers nor the channel. */
    private static <T> void handle(Consumer<T> handler, T item, String what) {
        try {
            handler.accept(item);
        } catch (RuntimeException e) {
            log.error("Handling the {} failed", what, e);
        }
    }

    /**
     * Stops reading and shuts the clients down in the background (see {@link ClientCloser}): the caller does not wait
     * for the reader's last poll nor for the clients' shutdown.
     */
    @Override
    public void close() {
        open = false;
        LockSupport.unpark(poller);
        ClientCloser.inBackground("backtrack-control-close", this::awaitPoller, reader::shutdown, producer::shutdown);
    }

    private void awaitPoller() {
        try {
            poller.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
