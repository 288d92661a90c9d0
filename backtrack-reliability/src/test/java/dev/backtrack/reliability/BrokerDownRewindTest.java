package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 6, as an operator met it: a name server and two brokers in processes of their own, broker-b killed with
 * SIGKILL, then {@code backtrack rewind --yes}. The rewind is refused naming broker-b and moves nothing; with
 * {@code --allow-partial} it moves broker-a's queues only, says so, and exactly broker-a's messages at or after T come
 * again.
 */
class BrokerDownRewindTest extends ClusterScenario {

    private static final Logger log = LoggerFactory.getLogger(BrokerDownRewindTest.class);

    @Test
    void aRewindWithABrokerKilledIsRefusedNamingItUnlessPartialIsAllowed() throws Exception {
        String topic = unique("broker-down");
        String group = unique("broker-down-group");
        String journal = "JOURNAL_" + unique("bd").replace('-', '_');
        cluster.createTopic(topic, 4);
        // The journal on both brokers: each entry keeps a copy on broker-a, which stays up.
        cluster.createTopic(journal, 1);
        long start = System.currentTimeMillis() - 1;
        // 64 a queue, 4 queues on each broker
        MessageLedger ledger = MessageLedger.sentInBulk(cluster.nameServer(), topic, 512);
        List<AppInstance> apps = startApps(1, topic, group, start, Map.of());
        List<Path> ledgers = ledgers(apps);
        awaitTrue("the backlog consumed once", Duration.ofSeconds(120), () -> ledger.receivedAtAll(ledgers) == 512);

        // A rewind with both brokers up, recorded in the journal: it shows which brokers hold the topic's queues.
        long t0 = ledger.storeTime(ledger.id(256));
        Rewinds.Answer whole = Rewinds.rewind(cluster.nameServer(), group, topic, t0, "--journal-topic", journal);
        assertThat(whole.exitCode()).as(whole.toString()).isZero();
        Set<String> wholeReplay = ledger.ids().stream().filter(id -> ledger.storeTime(id) >= t0)
                .collect(Collectors.toSet());
        awaitTrue("the first replay finished", Duration.ofSeconds(120),
                () -> deliveredSince(ledgers, whole.startedAt()).containsAll(wholeReplay));

        cluster.killBroker("broker-b");
        awaitTrue("broker-b gone from the topic's route", Duration.ofSeconds(120), () -> !routedTo(topic, "broker-b"));

        long t = ledger.storeTime(ledger.id(128));
        Rewinds.Answer refused = Rewinds.rewind(cluster.nameServer(), group, topic, t, "--journal-topic", journal);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.error()).contains("broker-b").contains("--allow-partial").contains("Nothing was changed");

        Rewinds.Answer partial = Rewinds.rewind(cluster.nameServer(), group, topic, t, "--journal-topic", journal,
                "--allow-partial");
        assertThat(partial.exitCode()).as(partial.toString()).isZero();
        assertThat(partial.json().path("partial").asBoolean()).as(partial.toString()).isTrue();
        assertThat(partial.json().path("notMovedBrokers").toString()).contains("broker-b");

        Set<String> onBrokerA = ledger.ids().stream().filter(id -> onBroker(ledger, id, "broker-a"))
                .collect(Collectors.toSet());
        Set<String> expected = onBrokerA.stream().filter(id -> ledger.storeTime(id) >= t)
                .collect(Collectors.toSet());
        assertThat(expected).as("broker-a holds messages at or after T").isNotEmpty();
        awaitTrue("broker-a's messages at or after T consumed again", Duration.ofSeconds(120), () ->
                deliveredSince(ledgers, partial.startedAt()).containsAll(expected));
        Set<String> again = deliveredSince(ledgers, partial.startedAt());
        assertThat(again).as("nothing stored before T, nothing of broker-b").allMatch(expected::contains);
        assertThat(deliveredBetween(ledgers, refused.startedAt(), refused.answeredAt() + 1))
                .as("the refused rewind replayed nothing").isEmpty();

        long notMoved = ledger.ids().stream().filter(id -> ledger.storeTime(id) >= t && !onBrokerA.contains(id))
                .count();
        log.info("LEDGER 6 broker-b SIGKILL before a rewind | produced 512 | refused without --allow-partial: exit 1, "
                + "nothing replayed | partial: {} of broker-a's {} messages at or after T replayed, {} of broker-b "
                + "not moved | wrongly replayed 0", again.size(), expected.size(), notMoved);
    }

    private static boolean onBroker(MessageLedger ledger, String id, String broker) {
        try {
            InetSocketAddress stored = (InetSocketAddress) MessageDecoder.decodeMessageId(ledger.offsetMsgId(id))
                    .getAddress();
            return cluster.address(broker).endsWith(":" + stored.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot decode the offset message id of " + id, e);
        }
    }

    private static Set<String> deliveredSince(List<Path> ledgers, long since) {
        return deliveredBetween(ledgers, since, Long.MAX_VALUE);
    }

    private static Set<String> deliveredBetween(List<Path> ledgers, long from, long to) {
        return MessageLedger.deliveries(ledgers).entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(at -> at >= from && at < to))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
