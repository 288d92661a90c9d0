package dev.backtrack.console.browser;

import static dev.backtrack.console.ConsoleOnlyApp.ADMIN;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.console.ConsoleOnlyApp;
import dev.backtrack.console.TestTopics;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many groups at once and kept positions in a headless Chromium against a console on the embedded broker: a topic's
 * groups side by side, the batch plan previewed and every group moved together after the topic's name was typed; a
 * group's positions kept, the group moved on, and the snapshot's Restore button previewing and applying the restore;
 * its offsets exported, and a file imported the same way.
 * Screenshots of each under {@code target/screenshots/}.
 */
@SpringBootTest(classes = ConsoleOnlyApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBatchInBrowserTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        ConsoleOnlyApp.consoleWithOperatorAndViewer(registry, MQ, () -> "browser-batch-journal-"
                + TestTopics.shortId());
    }

    @RegisterExtension
    static final HeadlessChromium.PerClass CHROMIUM = new HeadlessChromium.PerClass();
    private final TestTopics topics = new TestTopics(MQ);

    @LocalServerPort
    int port;

    @Test
    void aTopicsGroupsSideBySideArePreviewedAndMovedTogether() throws Exception {
        String topic = topics.create("browser-batch-");
        topics.produce(topic, List.of("m-0", "m-1", "m-2", "m-3", "m-4", "m-5"));
        List<String> groups = List.of("bb-a-" + TestTopics.shortId(), "bb-b-" + TestTopics.shortId(),
                "bb-c-" + TestTopics.shortId());
        groups.forEach(group -> topics.commitEverything(group, topic));
        ConsolePage page = page();
        page.logIn(ADMIN, ADMIN_PASSWORD);
        page.open("#/topic/" + topic + "/groups");
        assertThat(rows("batch-group")).extracting(r -> r.getAttribute("data-group"))
                .containsExactlyInAnyOrderElementsOf(groups);

        new Select(page.element("batch-kind")).selectByValue("toOffset");
        page.type("batch-value", "1");
        page.click(page.element("batch-preview"));
        page.waitUntil(() -> rows("batch-pair").size() == 3);
        assertThat(rows("batch-pair")).allSatisfy(r -> assertThat(r.getAttribute("data-replay")).isEqualTo("4"));
        assertThat(page.element("batch-totals").getText()).contains("3 group(s) move, 6 queues, 12 messages");
        HeadlessChromium.screenshot(browser(), "aTopicsGroupsSideBySideWithTheBatchPlan");

        page.click(page.element("batch-move"));
        page.waitUntil(() -> page.element("confirm").isDisplayed());
        assertThat(page.element("confirm-what").getText()).isEqualTo("topic");
        page.confirmTypingTheGroup(topic);
        page.waitUntil(() -> rows("batch-result-pair").size() == 3);
        assertThat(rows("batch-result-pair")).allSatisfy(r -> assertThat(r.getAttribute("data-status"))
                .isEqualTo("MOVED"));
        assertThat(page.element("batch-result").getAttribute("data-batch")).isNotBlank();
        groups.forEach(group -> assertThat(topics.committed(group, topic))
                .isEqualTo(Map.of("broker-a/0", 1L, "broker-a/1", 1L)));
        page.waitUntil(() -> rows("batch-group").stream().allMatch(r -> "4".equals(r.getAttribute("data-lag"))));
        HeadlessChromium.screenshot(browser(), "aTopicsGroupsMovedTogether");
    }

    @Test
    void aSnapshotsRestoreButtonPreviewsThenPutsTheGroupBack() throws Exception {
        String topic = topics.create("browser-snap-");
        topics.produce(topic, List.of("m-0", "m-1", "m-2", "m-3"));
        String group = "bs-" + TestTopics.shortId();
        topics.commitEverything(group, topic);
        ConsolePage page = page();
        page.logIn(ADMIN, ADMIN_PASSWORD, group, topic);
        page.type("snapshot-name", "before-deploy");
        page.click(page.element("snapshot-keep"));
        page.waitUntil(() -> rows("snapshot-row").size() == 1);
        assertThat(rows("snapshot-row").get(0).getAttribute("data-name")).isEqualTo("before-deploy");
        topics.produce(topic, List.of("later-0", "later-1", "later-2", "later-3"));
        topics.commitEverything(group, topic);

        page.click(rows("snapshot-row").get(0).findElement(By.cssSelector("[data-test=snapshot-restore]")));
        page.waitUntil(() -> page.element("restore-plan").isDisplayed());
        assertThat(rows("restore-queue")).hasSize(2)
                .allSatisfy(r -> assertThat(r.getAttribute("data-target")).isEqualTo("2"));
        assertThat(page.element("restore-totals").getText()).contains("4 messages to replay");
        page.scrollTo(page.element("restore-plan"));
        HeadlessChromium.screenshot(browser(), "aSnapshotsRestorePlan");

        page.click(page.element("restore"));
        page.confirmTypingTheGroup(group);
        page.waitUntil(() -> !page.element("restore-result").getAttribute("data-batch").isBlank());
        assertThat(page.element("restore-result").getText()).contains("read back 2");
        assertThat(topics.committed(group, topic)).isEqualTo(Map.of("broker-a/0", 2L, "broker-a/1", 2L));
        page.waitUntil(() -> page.historyKinds("history").contains("REWIND"));
        page.scrollTo(page.element("snapshots-card"));
        HeadlessChromium.screenshot(browser(), "aSnapshotRestored");

        page.click(page.element("offsets-export"));
        page.waitUntil(() -> rows("snapshot-row").size() == 2);
        page.click(page.element("offsets-import-box").findElement(By.tagName("summary")));
        page.type("offsets-csv", "topic,broker,queue,offset\n" + topic + ",broker-a,0,1\n" + topic
                + ",broker-a,1,1\n");
        page.click(page.element("offsets-import-preview"));
        page.waitUntil(() -> "import".equals(page.element("restore-plan").getAttribute("data-id"))
                && rows("restore-queue").stream().allMatch(r -> "1".equals(r.getAttribute("data-target"))));
        page.click(page.element("restore"));
        page.confirmTypingTheGroup(group);
        page.waitUntil(() -> page.element("restore-result").getText().startsWith("Imported as batch"));
        assertThat(topics.committed(group, topic)).isEqualTo(Map.of("broker-a/0", 1L, "broker-a/1", 1L));
    }

    private ConsolePage page() {
        return new ConsolePage(browser(), "http://localhost:" + port + "/backtrack-console", PATIENCE);
    }

    private static List<WebElement> rows(String test) {
        return browser().findElements(By.cssSelector("[data-test=" + test + "]"));
    }

    private static ChromeDriver browser() {
        return CHROMIUM.driver();
    }
}
