package dev.backtrack.console.browser;

import static dev.backtrack.console.ConsoleOnlyApp.ADMIN;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN_PASSWORD;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.console.ConsoleOnlyApp;
import dev.backtrack.console.TestTopics;
import dev.backtrack.core.DeadLetterMaker;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.redrive.DeadLetterOrders;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's page in a headless Chromium against a console on the embedded broker: the timeline's buckets, an
 * instant picked on the chart and its plan, peek (a script body stays text), rewind with the typed group name,
 * progress to 100 %, undo, history, and a viewer without rewind; the views by the URL hash (a group's page, the
 * browser's back and forward, links), counts with thousands separators, the history of every group, and a group's
 * dead letters (counts by time, peek, plan, redrive with the typed group name).
 */
@SpringBootTest(classes = ConsoleOnlyApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleInBrowserTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** What a consumer's rebalance or a dead letter's arrival may take on a loaded machine. */
    private static final Duration REBALANCE = Duration.ofSeconds(90);
    private static final String INPUT_ZONE = "Asia/Shanghai";

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        ConsoleOnlyApp.consoleWithOperatorAndViewer(registry, MQ, () -> "browser-journal-" + shortId());
        registry.add("backtrack.zone", () -> INPUT_ZONE); // the seed's zone: the page still shows UTC, and says so
    }

    @RegisterExtension
    static final HeadlessChromium.PerClass CHROMIUM = new HeadlessChromium.PerClass();
    private static ChromeDriver browser;
    private final TestTopics topics = new TestTopics(MQ);
    private final RocketMqAdmin admin = topics.admin();

    @LocalServerPort
    int port;

    @BeforeAll
    static void start() {
        browser = CHROMIUM.driver();
    }

    @BeforeEach
    void loggedOut() {
        browser.get(base() + "/login");
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void screenshot(TestInfo test) throws Exception {
        HeadlessChromium.screenshot(browser, test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void theTimelineShowsTheMessagesOfEachBucketAndAClickOnItPreviewsThePlan() throws Exception {
        String topic = topics.create("browser-");
        String group = "g-browser-" + shortId();
        List<Long> times = new ArrayList<>();
        for (int burst = 0; burst < 3; burst++) {
            times.addAll(topics.produce(topic, List.of("a" + burst, "b" + burst, "c" + burst)
                    .subList(0, burst + 1)));
            long last = times.get(times.size() - 1);
            await().atMost(PATIENCE).until(() -> System.currentTimeMillis() > last + 50);
        }
        topics.commitEverything(group, topic);
        long from = times.stream().mapToLong(Long::longValue).min().orElseThrow() - 20;
        long until = times.stream().mapToLong(Long::longValue).max().orElseThrow() + 20;
        logIn(ADMIN, ADMIN_PASSWORD, group, topic);
        assertThat(element("zone-note").getText()).contains("is UTC")
                .contains("a time typed without an offset is read in " + INPUT_ZONE);

        type("custom-from", Long.toString(from));
        type("custom-until", Long.toString(until));
        browser.findElement(By.id("custom-apply")).click();
        waitUntil(() -> Long.toString(from).equals(element("timeline-summary").getAttribute("data-from")));

        assertThat(element("timeline-summary").getAttribute("data-total")).isEqualTo(Integer.toString(times.size()));
        List<WebElement> buckets = browser.findElements(By.cssSelector("[data-test=bucket]"));
        assertThat(buckets).hasSize(60);
        for (WebElement bucket : buckets) {
            long start = Long.parseLong(bucket.getAttribute("data-start"));
            long end = Long.parseLong(bucket.getAttribute("data-end"));
            assertThat(Long.parseLong(bucket.getAttribute("data-count"))).as("[%d, %d)", start, end)
                    .isEqualTo(times.stream().filter(t -> t >= start && t < end).count());
        }

        WebElement chart = browser.findElement(By.cssSelector("#chart .u-over"));
        new Actions(browser).moveToElement(chart).click().perform();
        waitUntil(() -> element("plan").isDisplayed() && !element("instant").getAttribute("value").isEmpty());
        long picked = Instant.parse(element("instant").getAttribute("value")).toEpochMilli();
        assertThat(picked).isBetween(from, until);
        long expected = times.stream().filter(t -> t >= picked).count();
        waitUntil(() -> Long.toString(picked).equals(element("plan").getAttribute("data-timestamp")));
        assertThat(element("plan-totals").getAttribute("data-replay")).isEqualTo(Long.toString(expected));
        assertThat(browser.findElements(By.cssSelector("[data-test=plan-queue]"))).hasSize(2);

        browser.findElement(By.id("range-15m")).click();
        waitUntil(() -> !Long.toString(from).equals(element("timeline-summary").getAttribute("data-from")));
        assertThat(element("timeline-summary").getAttribute("data-total")).isEqualTo(Integer.toString(times.size()));
        assertThat(Long.parseLong(element("timeline-summary").getAttribute("data-until"))
                - Long.parseLong(element("timeline-summary").getAttribute("data-from"))).isEqualTo(15 * 60_000);
    }

    @Test
    void peekShowsTheFirstMessageAtTheInstantAndAScriptBodyAsText() throws Exception {
        String topic = topics.create("browser-");
        String script = "<script>window.backtrackPwned = true</script>"
                + "<img src=x onerror=\"window.backtrackPwned = true\">";
        List<Long> times = new ArrayList<>();
        for (String body : List.of("before", script, "after")) { // each in a millisecond of its own
            times.addAll(topics.produce(topic, List.of(body)));
            long last = times.get(times.size() - 1);
            await().atMost(PATIENCE).until(() -> System.currentTimeMillis() > last + 2);
        }
        logIn(VIEWER, VIEWER_PASSWORD, "g-peek-" + shortId(), topic);

        type("instant", Long.toString(times.get(1)));
        type("peek-limit", "2");
        browser.findElement(By.id("peek")).click();
        waitUntil(() -> browser.findElements(By.cssSelector("[data-test=peek-row]")).size() == 2);

        List<WebElement> peeked = browser.findElements(By.cssSelector("[data-test=peek-row]"));
        assertThat(peeked.get(0).getAttribute("data-store-time")).isEqualTo(Long.toString(times.get(1)));
        assertThat(peeked.get(0).findElement(By.cssSelector("[data-test=peek-body]")).getText()).isEqualTo(script);
        assertThat(peeked.get(1).findElement(By.cssSelector("[data-test=peek-body]")).getText()).isEqualTo("after");
        assertThat(browser.findElements(By.cssSelector("#peek-table script, #peek-table img"))).isEmpty();
        assertThat(browser.executeScript("return window.backtrackPwned === undefined")).isEqualTo(true);
        assertThat(alertShown()).isFalse();
    }

    @Test
    void anAdminRewindsTypingTheGroupFollowsTheProgressAndUndoes() throws Exception {
        Consumed consumed = consumedAndOpened("browser-", "g-rewind-", List.of("r0", "r1", "r2", "r3"),
                ADMIN, ADMIN_PASSWORD);
        String topic = consumed.topic();
        String group = consumed.group();

        previewAt(consumed.times().get(0), 4);
        String rewindId = rewindConfirmed(group, null);
        assertThat(element("rewind-result").getAttribute("data-path")).isEqualTo("OFFLINE_WRITE");
        for (QueueAddress queue : admin.queues(topic)) {
            assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue())).isZero();
        }
        waitUntil(() -> "0".equals(element("progress-text").getAttribute("data-percent")));

        try (RecordingConsumer consumer = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.BODY).start()) {
            consumer.awaitCount(4, PATIENCE);
            waitUntil(() -> "100".equals(element("progress-text").getAttribute("data-percent"))
                    && "true".equals(element("progress-text").getAttribute("data-done")));
            assertThat(consumer.deliveryCounts()).as("the replay, received once each")
                    .isEqualTo(Map.of("r0", 1, "r1", 1, "r2", 1, "r3", 1));
        }

        // once more, and undone before the replay is over
        String againId = rewindConfirmed(group, rewindId);
        waitUntil(() -> historyKinds().equals(List.of("REWIND", "REWIND")));
        browser.findElement(By.cssSelector("[data-test=history-row][data-id='" + againId + "'] [data-test=undo]"))
                .click();
        waitUntil(() -> element("confirm").isDisplayed());
        type("confirm-input", group);
        element("confirm-ok").click();
        waitUntil(() -> historyKinds().equals(List.of("UNDO", "REWIND", "REWIND")));
        assertThat(element("rewind-result").getText()).contains("Undid " + againId);
        assertThat(browser.findElements(By.cssSelector("[data-test=history-row][data-id='" + againId
                + "'] [data-test=undo]"))).as("an undone rewind offers no undo").isEmpty();
        for (QueueAddress queue : admin.queues(topic)) {
            assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue()))
                    .isEqualTo(admin.maxOffset(queue.brokerAddress(), queue.queue()));
        }
    }

    @Test
    void aViewerSeesNoRewindButtonAndAPostAsViewerIsRefused() throws Exception {
        Consumed consumed = consumedAndOpened("browser-", "g-viewer-", List.of("v0", "v1"), VIEWER, VIEWER_PASSWORD);
        String topic = consumed.topic();
        String group = consumed.group();

        previewAt(consumed.times().get(0), 2);
        assertThat(element("rewind").isDisplayed()).isFalse();

        Object answer = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = decodeURIComponent(document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='))
                    .substring(11));
                fetch('api/rewind', {method: 'POST', headers: {'Content-Type': 'application/json',
                    'X-XSRF-TOKEN': token}, body: JSON.stringify({group: arguments[0], topic: arguments[1],
                    to: '-1h', confirm: arguments[0]})})
                  .then(r => r.json().then(j => done({status: r.status, error: j.error})));
                """, group, topic);
        assertThat(answer).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) answer).get("status")).isEqualTo(403L);
        assertThat((String) ((Map<?, ?>) answer).get("error")).contains("BACKTRACK_ADMIN");
        for (QueueAddress queue : admin.queues(topic)) {
            assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue()))
                    .isEqualTo(admin.maxOffset(queue.brokerAddress(), queue.queue()));
        }

        browser.findElement(By.id("logout")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/backtrack-console/login?logout"));
    }

    @Test
    void anAdminRewindsOneQueueByAShiftThroughThePositionForm() throws Exception {
        String topic = topics.create("browser-shift-");
        String group = "g-shift-" + shortId();
        topics.produce(topic, List.of("s0", "s1", "s2", "s3", "s4", "s5"));
        topics.commitEverything(group, topic);
        List<String> queues = List.copyOf(topics.queues(topic).keySet());
        logIn(ADMIN, ADMIN_PASSWORD, group, topic);

        new Select(element("position-kind")).selectByValue("shiftBy");
        assertThat(element("instant").isDisplayed()).as("the time input gives way to the value input").isFalse();
        type("position-value", "-2");
        type("position-queues", queues.get(0));
        type("rewind-rate", "50/s");
        browser.findElement(By.id("preview")).click();
        waitUntil(() -> ("shift -2 on " + queues.get(0)).equals(element("plan").getAttribute("data-position")));
        List<WebElement> planned = browser.findElements(By.cssSelector("[data-test=plan-queue]"));
        assertThat(planned).hasSize(1);
        assertThat(planned.get(0).getAttribute("data-queue")).isEqualTo(queues.get(0));
        assertThat(planned.get(0).getAttribute("data-committed")).isEqualTo("3");
        assertThat(planned.get(0).getAttribute("data-target")).isEqualTo("1");
        assertThat(element("plan-totals").getAttribute("data-replay")).isEqualTo("2");

        rewindConfirmed(group, null);
        assertThat(element("rewind-result").getAttribute("data-path")).isEqualTo("OFFLINE_WRITE");
        assertThat(element("rewind-result").getText()).as("the rate asked cannot pace an offline group")
                .contains("the rate applies only to instances with the Backtrack starter");
        assertThat(topics.committed(group, topic)).isEqualTo(Map.of(queues.get(0), 1L, queues.get(1), 3L));
        waitUntil(() -> historyKinds().equals(List.of("REWIND")));
    }

    @Test
    void thePlanToOffsetsAndToAnotherGroupsOffsetsIsShownQueueByQueue() throws Exception {
        String topic = topics.create("browser-offsets-");
        String group = "g-offsets-" + shortId();
        String other = "g-other-" + shortId();
        topics.produce(topic, List.of("o0", "o1", "o2", "o3", "o4", "o5"));
        topics.commitEverything(group, topic);
        List<String> queues = List.copyOf(topics.queues(topic).keySet());
        topics.commit(other, topics.queues(topic).get(queues.get(0)), 1);
        topics.commit(other, topics.queues(topic).get(queues.get(1)), 2);
        logIn(VIEWER, VIEWER_PASSWORD, group, topic);

        new Select(element("position-kind")).selectByValue("toOffset");
        type("position-value", queues.get(0) + "=0," + queues.get(1) + "=2");
        browser.findElement(By.id("preview")).click();
        waitUntil(() -> element("plan").isDisplayed()
                && element("plan").getAttribute("data-position").startsWith("offsets "));
        assertThat(plannedTargets()).isEqualTo(Map.of(queues.get(0), "0", queues.get(1), "2"));
        assertThat(element("plan-totals").getAttribute("data-replay")).isEqualTo("4");

        new Select(element("position-kind")).selectByValue("toGroupOf");
        type("position-value", other);
        browser.findElement(By.id("preview")).click();
        waitUntil(() -> element("plan").isDisplayed()
                && ("group of " + other).equals(element("plan").getAttribute("data-position")));
        assertThat(plannedTargets()).isEqualTo(Map.of(queues.get(0), "1", queues.get(1), "2"));
        assertThat(element("plan-totals").getAttribute("data-replay")).isEqualTo("3");
        assertThat(element("plan-totals").getText()).contains("To group of " + other);
        assertThat(element("replay-form").isDisplayed()).as("a viewer may not replay").isFalse();
        assertThat(topics.committed(group, topic)).isEqualTo(Map.of(queues.get(0), 3L, queues.get(1), 3L));
    }

    @Test
    void anAdminReplaysAWindowAfterTypingTheGroupAndTheConsumerReceivesItAgain() throws Exception {
        String topic = topics.create("browser-window-");
        String group = "g-window-" + shortId();
        topics.createRetryTopic(group);
        try (RecordingConsumer consumer = RecordingConsumer.on(MQ.nameServerAddress(), group, topic).start()) {
            List<Long> times = topics.produce(topic, List.of("w0", "w1", "w2"));
            consumer.awaitLabels(List.of("w0", "w1", "w2"), Duration.ofSeconds(60));
            logIn(ADMIN, ADMIN_PASSWORD, group, topic);

            type("replay-from", Long.toString(times.get(0)));
            type("replay-until", Long.toString(times.stream().mapToLong(Long::longValue).max().orElseThrow() + 1));
            browser.findElement(By.id("replay-preview")).click();
            waitUntil(() -> "3".equals(element("replay-totals").getAttribute("data-replay")));
            assertThat(element("replay-totals").getAttribute("data-window")).isEqualTo("3");
            assertThat(browser.findElements(By.cssSelector("[data-test=replay-queue]"))).hasSize(2);

            browser.findElement(By.id("replay")).click();
            confirmTypingTheGroup(group);
            waitUntil(() -> element("replay-result").isDisplayed());
            assertThat(element("replay-result").getAttribute("data-replayed")).isEqualTo("3");
            assertThat(element("replay-result").getText()).contains("%RETRY%" + group);
            consumer.await(() -> consumer.deliveries("w0") >= 2 && consumer.deliveries("w1") >= 2
                    && consumer.deliveries("w2") >= 2, Duration.ofSeconds(60), "the window once more");
            assertThat(element("replay-result").getAttribute("data-state")).isEqualTo("FINISHED");
            // the replay is a run: its start and its end
            waitUntil(() -> historyKinds().equals(List.of("WINDOW_REPLAY", "WINDOW_REPLAY")));

            browser.findElement(By.id("replay")).click();
            waitUntil(() -> element("error").getText().contains("tick 'Replay again'"));
            assertThat(element("confirm").isDisplayed()).as("refused before any confirmation").isFalse();
        }
    }

    @Test
    void aGroupOpensOnAPageOfItsOwnThroughTheHashAndTheBrowsersBackReturnsToTheList() throws Exception {
        String topic = topics.create("browser-nav-");
        String group = "g-nav-" + shortId();
        topics.produce(topic, List.of("n0", "n1", "n2"));
        topics.commitEverything(group, topic);
        logIn(VIEWER, VIEWER_PASSWORD);
        assertThat(element("inventory").isDisplayed()).isTrue();
        assertThat(element("detail").isDisplayed()).as("no group page before a group is chosen").isFalse();

        browser.findElement(By.cssSelector("[data-test=group-row][data-group='" + group + "']")).click();
        String groupPage = "#/group/" + group + "/topic/" + topic;
        waitUntil(() -> browser.getCurrentUrl().endsWith(groupPage) && shown(groupPage));
        assertThat(element("inventory").isDisplayed()).as("the list gives way to the group page").isFalse();
        assertThat(element("detail").getAttribute("data-group")).isEqualTo(group);
        assertThat(element("sel-topic").getText()).isEqualTo(topic);
        assertThat(element("nav-group").getAttribute("class")).contains("active");
        assertThat(element("nav-group").getText()).isEqualTo("Group " + group);
        assertThat(element("sum-state").getText()).isEqualTo("offline");
        assertThat(element("sum-lag").getAttribute("data-lag")).isEqualTo("0");
        assertThat(element("sum-messages").getAttribute("data-messages")).isEqualTo("3");
        assertThat(browser.findElements(By.cssSelector("[data-test=group-queue]"))).hasSize(2);
        waitUntil(() -> "3".equals(element("timeline-summary").getAttribute("data-total")));
        assertThat(element("position-form").isDisplayed()).isTrue();
        assertThat(element("history-card").isDisplayed()).isTrue();

        browser.navigate().back();
        waitUntil(() -> element("inventory").isDisplayed() && !element("detail").isDisplayed());
        assertThat(browser.getCurrentUrl()).doesNotContain("#/group/");
        assertThat(element("nav-inventory").getAttribute("class")).contains("active");
        HeadlessChromium.screenshot(browser, "theListOfTopicsAndGroups");

        browser.navigate().forward();
        waitUntil(() -> element("detail").isDisplayed() && browser.getCurrentUrl().endsWith(groupPage)
                && shown(groupPage));
        assertThat(element("detail").getAttribute("data-group")).isEqualTo(group);

        // a topic opens without a group: its timeline, no plan and no group history
        browser.navigate().back();
        waitUntil(() -> shown("#/"));
        browser.findElement(By.cssSelector("[data-test=topic-row][data-topic='" + topic + "']")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("#/topic/" + topic) && shown("#/topic/" + topic));
        assertThat(element("detail").getAttribute("data-group")).isEmpty();
        assertThat(element("nav-group").getText()).isEqualTo("Topic " + topic);
        assertThat(element("preview").isEnabled()).isFalse();
        assertThat(element("history-card").isDisplayed()).isFalse();
        assertThat(element("timeline-summary").getAttribute("data-total")).isEqualTo("3");

        // a link to the group page opens it on a page loaded afresh, as does one naming the group alone
        browser.get(base() + "/");
        waitUntil(() -> shown("#/"));
        browser.get(base() + "/#/group/" + group);
        waitUntil(() -> browser.getCurrentUrl().endsWith(groupPage) && shown(groupPage));
        assertThat(element("detail").getAttribute("data-topic")).isEqualTo(topic);
        assertThat(element("error").isDisplayed()).as(element("error").getText()).isFalse();
    }

    @Test
    void countsAndOffsetsAreWrittenWithThousandsSeparatorsAndAlignedRight() throws Exception {
        String topic = topics.create("browser-numbers-");
        String group = "g-numbers-" + shortId();
        String behind = "g-behind-" + shortId();
        int count = 1234;
        TestClients.send(MQ.nameServerAddress(), topic, "m", count);
        topics.commitEverything(group, topic);
        for (QueueAddress queue : admin.queues(topic)) {
            topics.commit(behind, queue, 0);
        }
        logIn(ADMIN, ADMIN_PASSWORD);

        WebElement topicRow = browser.findElement(By.cssSelector("[data-test=topic-row][data-topic='" + topic + "']"));
        WebElement messages = topicRow.findElement(By.cssSelector("[data-test=topic-messages]"));
        assertThat(messages.getText()).isEqualTo("1,234");
        assertThat(messages.getCssValue("text-align")).isEqualTo("right");
        WebElement behindLag = browser.findElement(By.cssSelector("[data-test=group-row][data-group='" + behind
                + "'] [data-test=group-lag]"));
        assertThat(behindLag.getText()).isEqualTo("1,234");
        assertThat(browser.findElement(By.cssSelector("[data-test=group-row][data-group='" + group
                + "'] [data-test=group-lag]")).getText()).isEqualTo("0");

        browser.get(base() + "/#/group/" + behind + "/topic/" + topic);
        waitUntil(() -> shown("#/group/" + behind + "/topic/" + topic));
        assertThat(element("sum-lag").getText()).isEqualTo("1,234");
        assertThat(element("sum-messages").getText()).isEqualTo("1,234");
        long queueLags = 0;
        for (WebElement lag : browser.findElements(By.cssSelector("[data-test=queue-lag]"))) {
            assertThat(lag.getCssValue("text-align")).isEqualTo("right");
            queueLags += Long.parseLong(lag.getText().replace(",", ""));
        }
        assertThat(queueLags).isEqualTo(count);
        waitUntil(() -> Integer.toString(count).equals(element("timeline-summary").getAttribute("data-total")));
        assertThat(element("timeline-summary").getText()).startsWith("1,234 messages from ")
                .contains("60 buckets of 1 min");

        browser.get(base() + "/#/group/" + group + "/topic/" + topic);
        waitUntil(() -> shown("#/group/" + group + "/topic/" + topic));
        type("instant", "-1h");
        browser.findElement(By.id("preview")).click();
        waitUntil(() -> Integer.toString(count).equals(element("plan-totals").getAttribute("data-replay")));
        assertThat(element("plan-totals").getText()).contains(": 1,234 messages to replay, 0 to skip, on 2 queues");
        assertThat(browser.executeScript("return import('./dom.js').then(dom => [dom.num(1234567), dom.num(-12345),"
                + " dom.duration(3_725_000), dom.duration(250), dom.duration(7 * 86_400_000)].join(' | '))"))
                .isEqualTo("1,234,567 | -12,345 | 1 h 2 min | 250 ms | 7 d");
    }

    @Test
    void theHistoryViewListsTheJournalOfEveryGroupAndLinksToTheGroupPage() throws Exception {
        Consumed consumed = consumedAndOpened("browser-history-", "g-history-", List.of("h0", "h1"),
                ADMIN, ADMIN_PASSWORD);
        String topic = consumed.topic();
        String group = consumed.group();
        previewAt(consumed.times().get(0), 2);
        String rewindId = rewindConfirmed(group, null);
        waitUntil(() -> historyKinds().equals(List.of("REWIND")));

        element("nav-history").click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("#/history") && shown("#/history"));
        assertThat(element("detail").isDisplayed()).isFalse();
        assertThat(element("history-view").isDisplayed()).isTrue();
        WebElement entry = browser.findElement(By.cssSelector("[data-test=all-history-row][data-id='" + rewindId
                + "']"));
        assertThat(entry.getAttribute("data-kind")).isEqualTo("REWIND");
        assertThat(entry.findElement(By.cssSelector("[data-test=history-replay]")).getText()).isEqualTo("2");
        assertThat(entry.findElements(By.cssSelector("[data-test=undone]"))).isEmpty();

        entry.findElement(By.cssSelector("[data-test=history-group-link]")).click();
        String groupPage = "#/group/" + group + "/topic/" + topic;
        waitUntil(() -> browser.getCurrentUrl().endsWith(groupPage) && shown(groupPage));
        browser.findElement(By.cssSelector("[data-test=history-row][data-id='" + rewindId + "'] [data-test=undo]"))
                .click();
        confirmTypingTheGroup(group);
        waitUntil(() -> historyKinds().equals(List.of("UNDO", "REWIND")));

        browser.navigate().back();
        waitUntil(() -> browser.getCurrentUrl().endsWith("#/history") && shown("#/history"));
        List<WebElement> entries = browser.findElements(By.cssSelector("[data-test=all-history-row][data-group='"
                + group + "']"));
        assertThat(entries).extracting(row -> row.getAttribute("data-kind")).containsExactly("UNDO", "REWIND");
        assertThat(entries.get(1).findElement(By.cssSelector("[data-test=undone]")).getText())
                .isEqualToIgnoringCase("undone");
        assertThat(entries.get(0).getText()).contains("of " + rewindId);
    }

    @Test
    void anAdminRedrivesTheDeadLettersOfAGroupFromItsDeadLetterViewAfterTypingTheGroup() throws Exception {
        String topic = "browser-dlq-" + shortId();
        String group = "g-dlq-" + shortId();
        List<String> ids = DeadLetterOrders.send(MQ, topic, 6, i -> i % 3 == 0);
        Set<String> dead = Set.of(ids.get(0), ids.get(2), ids.get(4)); // the paid ones: order-0 (eu), order-2, order-4
        DeadLetterMaker.deadLetter(admin, group, topic, ids, dead);
        try (RecordingConsumer fixed = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).start()) {
            await().atMost(REBALANCE).until(() -> admin.isOnline(group));
            logIn(ADMIN, ADMIN_PASSWORD, group, topic);
            element("dead-letters-link").click();
            String view = "#/group/" + group + "/dead-letters";
            waitUntil(() -> browser.getCurrentUrl().endsWith(view) && shown(view));
            assertThat(element("dlq-topic").getText()).isEqualTo("%DLQ%" + group);
            assertThat(element("nav-group").getAttribute("class")).contains("active");
            assertThat(element("dlq-timeline-summary").getAttribute("data-total")).isEqualTo("3");
            assertThat(browser.findElements(By.cssSelector("#dlq-buckets [data-test=bucket]")).stream()
                    .mapToLong(b -> Long.parseLong(b.getAttribute("data-count"))).sum()).isEqualTo(3);
            assertThat(browser.findElements(By.cssSelector("#dlq-peek-table [data-test=peek-row]")))
                    .extracting(row -> row.getAttribute("data-msg-id")).containsExactlyInAnyOrderElementsOf(dead);
            HeadlessChromium.screenshot(browser, "theDeadLettersOfAGroup");

            type("redrive-filter", "region =");
            element("redrive-plan-button").click();
            waitUntil(() -> element("error").getText().contains("SQL92 filter 'region =' is not accepted"));
            assertThat(element("error").getText())
                    .contains("accepted: RocketMQ's SQL92 over the message's user properties and TAGS");
            type("redrive-filter", "region = 'eu' OR TAGS = 'paid'");
            element("redrive-plan-button").click();
            waitUntil(() -> element("redrive-plan").isDisplayed()
                    && "3".equals(element("redrive-totals").getAttribute("data-send")));
            assertThat(element("error").isDisplayed()).isFalse();
            assertThat(element("redrive-totals").getAttribute("data-window")).isEqualTo("3");
            List<WebElement> counts = browser.findElements(By.cssSelector("[data-test=redrive-count]"));
            assertThat(counts).extracting(row -> row.getAttribute("data-topic") + "/" + row.getAttribute("data-tag")
                    + "=" + row.getAttribute("data-count")).containsExactly(topic + "/paid=3");
            List<WebElement> first = browser.findElements(By.cssSelector("[data-test=redrive-first-row]"));
            assertThat(first).extracting(row -> row.getAttribute("data-msg-id"))
                    .containsExactlyInAnyOrderElementsOf(dead);
            assertThat(first).extracting(row -> row.getAttribute("data-failures")).containsOnly("1");

            element("redrive").click();
            confirmTypingTheGroup(group);
            waitUntil(() -> element("redrive-result").isDisplayed());
            assertThat(element("redrive-result").getAttribute("data-redriven")).isEqualTo("3");
            assertThat(element("redrive-result").getText()).contains("Redrove 3 dead letters into %RETRY%" + group);
            fixed.awaitLabels(dead, REBALANCE);
            fixed.await(() -> fixed.deliveries() >= 3, REBALANCE, "the three dead letters");
            assertThat(fixed.deliveryCounts()).as("the dead letters once each, nothing else")
                    .isEqualTo(dead.stream().collect(Collectors.toMap(i -> i, i -> 1)));
            assertThat(element("redrive-result").getAttribute("data-state")).isEqualTo("FINISHED");
            // the redrive is a run: its start and its end
            waitUntil(() -> historyKinds("dlq-history").equals(List.of("REDRIVE", "REDRIVE")));
            HeadlessChromium.screenshot(browser, "theDeadLettersOfAGroupRedriven");

            element("redrive").click();
            waitUntil(() -> element("error").getText().contains("tick 'Redrive again'"));
            assertThat(element("confirm").isDisplayed()).as("refused before any confirmation").isFalse();
        }

        loggedOut();
        logIn(VIEWER, VIEWER_PASSWORD);
        browser.get(base() + "/#/group/" + group + "/dead-letters");
        waitUntil(() -> shown("#/group/" + group + "/dead-letters"));
        assertThat(element("dlq-timeline-summary").getAttribute("data-total")).isEqualTo("3");
        assertThat(element("redrive-form").isDisplayed()).as("a viewer may not redrive").isFalse();
        browser.get(base() + "/#/group/never-failed-" + group + "/dead-letters");
        waitUntil(() -> shown("#/group/never-failed-" + group + "/dead-letters"));
        assertThat(element("dlq-none").getText()).contains("Group never-failed-" + group + " has no dead letters");
        assertThat(element("dlq-timeline-card").isDisplayed()).isFalse();
    }

    private ConsolePage page() {
        return new ConsolePage(browser, base(), PATIENCE);
    }

    private boolean shown(String hash) {
        return page().shown(hash);
    }

    private Map<String, String> plannedTargets() {
        Map<String, String> targets = new TreeMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("[data-test=plan-queue]"))) {
            targets.put(row.getAttribute("data-queue"), row.getAttribute("data-target"));
        }
        return targets;
    }

    private void logIn(String user, String password) {
        page().logIn(user, password);
    }

    private void logIn(String user, String password, String group, String topic) {
        page().logIn(user, password, group, topic);
    }

    /** A new topic, the bodies sent to it at {@code times}, and a new group that has consumed them all. */
    private record Consumed(String topic, String group, List<Long> times) {
    }

    /** Sends the bodies to a new topic, commits a new group at its end, logs in and opens the group's page. */
    private Consumed consumedAndOpened(String topicPrefix, String groupPrefix, List<String> bodies, String user,
            String password) throws Exception {
        String topic = topics.create(topicPrefix);
        String group = groupPrefix + shortId();
        List<Long> times = topics.produce(topic, bodies);
        topics.commitEverything(group, topic);
        logIn(user, password, group, topic);
        return new Consumed(topic, group, times);
    }

    /** Types the instant, previews, and waits for the plan of {@code replay} messages. */
    private void previewAt(long time, int replay) {
        type("instant", Long.toString(time));
        browser.findElement(By.id("preview")).click();
        waitUntil(() -> Integer.toString(replay).equals(element("plan-totals").getAttribute("data-replay")));
    }

    /** Clicks Rewind, checks that a wrong name does not confirm, types the group; returns the new rewind's id. */
    private String rewindConfirmed(String group, @Nullable String previousId) {
        browser.findElement(By.id("rewind")).click();
        confirmTypingTheGroup(group);
        waitUntil(() -> element("rewind-result").isDisplayed()
                && !element("rewind-result").getAttribute("data-id").equals(previousId));
        return element("rewind-result").getAttribute("data-id");
    }

    private void confirmTypingTheGroup(String group) {
        page().confirmTypingTheGroup(group);
    }

    private List<String> historyKinds() {
        return historyKinds("history");
    }

    private List<String> historyKinds(String table) {
        return page().historyKinds(table);
    }

    private boolean alertShown() {
        try {
            browser.switchTo().alert();
            return true;
        } catch (NoAlertPresentException none) {
            return false;
        }
    }

    private WebElement element(String id) {
        return page().element(id);
    }

    private void type(String id, String text) {
        page().type(id, text);
    }

    private void waitUntil(BooleanSupplier condition) {
        page().waitUntil(condition);
    }

    private String base() {
        return "http://localhost:" + port + "/backtrack-console";
    }

    private static String shortId() {
        return TestTopics.shortId();
    }
}
