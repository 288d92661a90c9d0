package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.store.MessageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A time before the oldest retained message, on a broker whose oldest commit-log file was deleted by its own
 * retention code (run at once instead of at 4 a.m.): the plan starts at the oldest retained message and says that
 * part of the requested history is gone.
 */
class TruncatedHistoryTest {

    private static final int FILE_SIZE = 1024 * 1024;
    private static final int PADDING = 100 * 1024; // about ten messages per commit-log file

    @TempDir
    static Path storeDir;
    private static EmbeddedRocketMq mq;
    private static RocketMqAdmin admin;

    @BeforeAll
    static void start() {
        mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(storeDir).commitLogFileSize(FILE_SIZE).build()).start();
        admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (mq != null) {
            mq.stop();
        }
    }

    @Test
    void aTimeBeforeTheOldestRetainedMessageStartsThereAndSaysWhatIsGone() throws Exception {
        String topic = "retention";
        mq.createTopic(topic, 2);
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 30, "h-", PADDING);
        deleteOldestCommitLogFile(topic, queue.getQueueId());
        long min = admin.minOffset(mq.brokers().get(0).address(), queue);
        assertThat(min).isPositive().isLessThan(30);
        Stored oldestRetained = stored.get((int) min);
        Stored gone = stored.get(0);
        RewindPlanner planner = new RewindPlanner(admin);

        RewindPlan beforeEverything = planner.plan("retention-g", topic, gone.storeTime() - 60_000);
        QueueRewind truncated = beforeEverything.queues().get(0);
        assertThat(truncated.minOffset()).isEqualTo(min);
        assertThat(truncated.targetOffset()).isEqualTo(min);
        assertThat(truncated.targetStoreTimestamp()).isEqualTo(oldestRetained.storeTime());
        assertThat(truncated.messagesToReplay()).isEqualTo(30 - min);
        assertThat(beforeEverything.historyTruncated()).isTrue();
        assertThat(beforeEverything.oldestRetainedTimestamp()).isEqualTo(oldestRetained.storeTime());
        assertThat(beforeEverything.nothingToReplay()).isFalse();
        assertThat(beforeEverything.summary()).contains("history before " + oldestRetained.storeTime()
                + " (epoch ms) is no longer retained: "
                + (oldestRetained.storeTime() - beforeEverything.requestedTimestamp()) + " ms of the requested span");
        assertThat(beforeEverything.queues().get(1).maxOffset()).as("the other, empty queue").isZero();

        RewindPlan atADeletedMessage = planner.plan("retention-g", topic, gone.storeTime());
        assertThat(atADeletedMessage.queues().get(0).targetOffset()).isEqualTo(min);
        assertThat(atADeletedMessage.historyTruncated()).isTrue();

        Stored retained = stored.get((int) min + 3);
        RewindPlan afterTheCut = planner.plan("retention-g", topic, retained.storeTime());
        assertThat(afterTheCut.historyTruncated()).as("everything asked for is still there").isFalse();
        assertThat(afterTheCut.oldestRetainedTimestamp()).isNull();
        assertThat(afterTheCut.queues().get(0).targetOffset()).isBetween(min, retained.offset());
    }

    /** Runs the broker's own retention on the oldest commit-log file and on the queue's index of it. */
    private static void deleteOldestCommitLogFile(String topic, int queueId) {
        MessageStore store = mq.brokers().get(0).controller().getMessageStore();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            // expired or not, delete one file now; it may take a second call if the file is still being read
            store.getCommitLog().deleteExpiredFile(0, 0, 0, true, 1);
            return store.getMinPhyOffset() > 0;
        });
        store.getConsumeQueue(topic, queueId).deleteExpiredFile(store.getMinPhyOffset());
        await().atMost(Duration.ofSeconds(30)).until(() -> store.getMinOffsetInQueue(topic, queueId) > 0);
    }
}
