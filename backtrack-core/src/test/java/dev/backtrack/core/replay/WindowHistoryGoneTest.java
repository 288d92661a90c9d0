package dev.backtrack.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.store.MessageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window that starts before the oldest message a broker still retains (its oldest commit-log file deleted by its
 * own retention code, run at once): the dry run says which queue lost part of the window, and counts only what is
 * still there.
 */
class WindowHistoryGoneTest {

    private static final int FILE_SIZE = 1024 * 1024;
    private static final int PADDING = 100 * 1024; // about ten messages per commit-log file

    @TempDir
    Path storeDir;

    @Test
    void aWindowReachingBeforeTheOldestRetainedMessageSaysHistoryIsGoneAndCountsWhatRemains() throws Exception {
        EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(storeDir)
                .commitLogFileSize(FILE_SIZE).build()).start();
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            String topic = "window-retention";
            String group = "window-retention-g";
            mq.createTopic(topic, 1);
            MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
            List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 30, "w-", PADDING);
            String broker = mq.brokers().get(0).address();
            admin.ensureGroup(broker, group);
            admin.writeOffset(broker, group, queue, 30); // an offline group that had consumed everything
            deleteOldestCommitLogFile(mq, topic);
            long min = admin.minOffset(broker, queue);
            assertThat(min).isPositive().isLessThan(20);

            Stored gone = stored.get(0);
            Stored end = stored.get(20);
            WindowPlan plan = new WindowPlanner(admin)
                    .plan(new ReplayWindow(group, topic, gone.storeTime(), end.storeTime()), GivenTags.option("*"));

            assertThat(plan.historyGone()).as("the queue that lost part of the window").hasSize(1);
            WindowQueue planned = plan.historyGone().get(0);
            assertThat(planned.beginOffset()).isEqualTo(min);
            assertThat(planned.earliestRetained()).isEqualTo(stored.get((int) min).storeTime());
            assertThat(plan.matching()).as("only what is still stored in the window").isEqualTo(20 - min);

            WindowPlan retained = new WindowPlanner(admin).plan(new ReplayWindow(group, topic,
                    stored.get((int) min + 1).storeTime(), end.storeTime()), GivenTags.option("*"));
            assertThat(retained.historyGone()).as("a window after the cut is whole").isEmpty();
            assertThat(retained.matching()).isEqualTo(20 - min - 1);
        } finally {
            mq.stop();
        }
    }

    /** Runs the broker's own retention on the oldest commit-log file and on the queue's index of it. */
    private static void deleteOldestCommitLogFile(EmbeddedRocketMq mq, String topic) {
        MessageStore store = mq.brokers().get(0).controller().getMessageStore();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            store.getCommitLog().deleteExpiredFile(0, 0, 0, true, 1);
            return store.getMinPhyOffset() > 0;
        });
        store.getConsumeQueue(topic, 0).deleteExpiredFile(store.getMinPhyOffset());
        await().atMost(Duration.ofSeconds(30)).until(() -> store.getMinOffsetInQueue(topic, 0) > 0);
    }
}
