package dev.backtrack.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.Message;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RewindJournalTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    @Test
    void entriesWrittenByOneInstanceAreReadByAnother() {
        JournalEntry first = new JournalEntry(JournalKind.STARTUP_POSITIONING, "g1", "t1", "20220117110148",
                1642388508000L, 1000L, "app-1", 7, List.of(new QueueMove("broker-a", 0, null, 3)));
        JournalEntry second = new JournalEntry(JournalKind.REWIND, "g1", "t1", "-1h", 1642388508123L, 2000L,
                "alice", 2, List.of(new QueueMove("broker-a", 1, 9L, 7)));
        try (RewindJournal writer = new RewindJournal(MQ.nameServerAddress(), null, "JOURNAL_TEST_1")) {
            assertThat(writer.entries()).as("no topic yet").isEmpty();
            writer.append(first);
            writer.append(second);
        }
        try (RewindJournal reader = new RewindJournal(MQ.nameServerAddress(), null, "JOURNAL_TEST_1")) {
            assertThat(reader.entries()).containsExactly(first, second);
            assertThat(reader.find(JournalKind.STARTUP_POSITIONING, "g1", "t1", "20220117110148")).contains(first);
            assertThat(reader.find(JournalKind.STARTUP_POSITIONING, "g1", "t1", "20220117110149")).isEmpty();
            assertThat(reader.find(JournalKind.STARTUP_POSITIONING, "g2", "t1", "20220117110148")).isEmpty();
        }
    }

    @Test
    void anEntryInTheOldFormWithoutIdStillReadsAndGetsAnIdFromWhereItIsStored() throws Exception {
        String topic = "JOURNAL_TEST_OLD_FORM";
        String old = "{\"kind\":\"REWIND\",\"group\":\"g-old\",\"topic\":\"t-old\",\"requestedTime\":\"-1h\","
                + "\"timestamp\":1642388508123,\"appliedAt\":5000,\"actor\":\"carol\",\"messagesToReplay\":4,"
                + "\"queues\":[{\"broker\":\"broker-a\",\"queueId\":0,\"from\":9,\"to\":5}]}";
        JournalEntry added = new JournalEntry(JournalKind.REWIND, "g-new", "t-new", "-5m", 1L, 6000L, "dave", 1,
                List.of(new QueueMove("broker-a", 0, 2L, 1)));
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()));
                RewindJournal journal = RewindJournal.openForWriting(admin, topic)) {
            DefaultMQProducer producer = TestClients.producer(MQ.nameServerAddress());
            try {
                producer.send(new Message(topic, "REWIND", old.getBytes(StandardCharsets.UTF_8)));
            } finally {
                TestClients.shutDownInBackground(producer);
            }
            JournalEntry appended = journal.append(added);
            List<JournalEntry> entries = journal.entries();
            assertThat(entries).hasSize(2);
            JournalEntry read = entries.get(0);
            assertThat(read.id()).isEqualTo("m-broker-a-0-0");
            assertThat(read.path()).isNull();
            assertThat(read.undoes()).isNull();
            assertThat(read.queues()).containsExactly(new QueueMove("broker-a", 0, 9L, 5));
            assertThat(read.actor()).isEqualTo("carol");
            assertThat(entries.get(1)).isEqualTo(appended);
            assertThat(appended.id()).isEqualTo(added.id()).matches("[0-9a-z]{12}");
            assertThat(JournalHistory.of(entries).byId("m-broker-a-0-0")).contains(read);
        }
    }

    @Test
    void theLatestEntriesOfAGroupOrElseOfItsTopicAreFoundInTheBrokersIndexWithoutReadingTheJournal() {
        try (RewindJournal journal = new RewindJournal(MQ.nameServerAddress(), null, "JOURNAL_TEST_RECENT")) {
            assertThat(journal.recent("g1", "t1")).as("no topic yet").isEmpty();
            List<JournalEntry> ofG1 = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ofG1.add(journal.append(rewind("g1", "t1", 1000L + i)));
            }
            JournalEntry ofG2 = journal.append(rewind("g2", "t1", 2000L));
            JournalEntry otherTopic = journal.append(rewind("g1", "t2", 3000L));
            Awaitility.await("the entries indexed").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(journal.recent("g1", "t1")).as("the group's own, oldest first").isEqualTo(ofG1);
                assertThat(journal.recent("g9", "t1")).as("a group without entries: the topic's")
                        .containsExactlyInAnyOrder(ofG1.get(0), ofG1.get(1), ofG1.get(2), ofG2);
                assertThat(journal.recent("g1", "t2")).containsExactly(otherTopic);
            });
            assertThat(journal.recent("g1", "t9")).as("a topic never journaled").isEmpty();
        }
    }

    private static JournalEntry rewind(String group, String topic, long appliedAt) {
        return new JournalEntry(JournalKind.REWIND, group, topic, "-1h", 1642388508123L, appliedAt, "carol", 1,
                List.of(new QueueMove("broker-a", 0, 4L, 2)));
    }

    @Test
    void openingForWritingCreatesTheTopicBeforeTheFirstEntry() {
        JournalEntry entry = new JournalEntry(JournalKind.REWIND, "g2", "t2", "-5m", 1642388508123L, 3000L, "bob", 1,
                List.of(new QueueMove("broker-a", 0, 4L, 2)));
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            assertThatThrownBy(() -> admin.route("JOURNAL_TEST_2")).as("no topic yet")
                    .isInstanceOf(UnknownTopicException.class);
            try (RewindJournal journal = RewindJournal.openForWriting(admin, "JOURNAL_TEST_2")) {
                assertThat(admin.queues("JOURNAL_TEST_2")).as("routed before anything was sent").hasSize(1);
                journal.append(entry);
                assertThat(journal.entries()).containsExactly(entry);
            }
        }
    }

    @Test
    void aJournalTopicThatCannotBeReadFailsNamingTheCauseInsteadOfLookingEmpty() throws Exception {
        String topic = "JOURNAL_TEST_WRITE_ONLY";
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            admin.createTopic(MQ.rocketMq().brokerAddresses().get(0),
                    new TopicConfig(topic, 1, 1, PermName.PERM_WRITE));
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.route(topic) != null);
        }
        try (RewindJournal journal = new RewindJournal(MQ.nameServerAddress(), null, topic)) {
            assertThatThrownBy(journal::entries).isInstanceOf(JournalException.class)
                    .hasMessageContaining("Cannot read the journal topic " + topic)
                    .hasMessageContaining(MQ.nameServerAddress());
            assertThatThrownBy(() -> journal.find(JournalKind.STARTUP_POSITIONING, "g", "t", "now"))
                    .isInstanceOf(JournalException.class);
        }
    }

    @Test
    void aNameServerThatDoesNotAnswerFailsNamingItInsteadOfLookingEmpty() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nameServer = "127.0.0.1:" + closedPort;
        try (RewindJournal journal = new RewindJournal(nameServer, null, "JOURNAL_TEST_SILENT")) {
            assertThatThrownBy(journal::entries).isInstanceOf(JournalException.class)
                    .hasMessageContaining("Cannot read the journal topic JOURNAL_TEST_SILENT: name server "
                            + nameServer + " does not answer");
        }
    }
}
