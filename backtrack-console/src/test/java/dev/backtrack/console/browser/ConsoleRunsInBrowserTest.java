package dev.backtrack.console.browser;

import static dev.backtrack.console.ConsoleOnlyApp.ADMIN;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.console.ConsoleOnlyApp;
import dev.backtrack.console.PoisonOrders;
import dev.backtrack.console.TestTopics;
import dev.backtrack.test.DeliveryLedger;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A window replay's run in a headless Chromium against a console on the embedded broker, with a group that fails the
 * replayed copies of its "poison" orders: a replay with a canary pauses, and the page says why (the failed message,
 * the canary's verdict), marks the run paused in the history and in a banner; once the consumer is fixed, Resume in
 * the replay's result finishes the run and the group received a copy of every order once; a second run that pauses
 * is aborted from the banner. Screenshots of each step under {@code target/screenshots/}.
 */
@SpringBootTest(classes = ConsoleOnlyApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleRunsInBrowserTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    /** A canary's verdict, a resume and a rebalance on a loaded machine all fit in this. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int ORDERS = 12;

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        ConsoleOnlyApp.consoleWithOperatorAndViewer(registry, MQ, () -> "browser-runs-journal-"
                + TestTopics.shortId());
        registry.add("backtrack.console.resume-quiet", () -> "2s"); // a process waits 20 s
    }

    @RegisterExtension
    static final HeadlessChromium.PerClass CHROMIUM = new HeadlessChromium.PerClass();
    private final TestTopics topics = new TestTopics(MQ);

    @LocalServerPort
    int port;

    @Test
    void aReplayWithACanaryPausesSaysWhyResumesOnceTheConsumerIsFixedAndASecondRunIsAbortedFromTheBanner()
            throws Exception {
        ConsolePage page = new ConsolePage(browser(), "http://localhost:" + port + "/backtrack-console", PATIENCE);
        try (PoisonOrders orders = PoisonOrders.start(MQ, topics, "browser-runs-", ORDERS, i -> i == 1)) {
            String group = orders.group();
            List<String> ids = orders.ids();
            page.logIn(ADMIN, ADMIN_PASSWORD, group, orders.topic());
            page.type("replay-from", "-1h");
            page.type("replay-until", "now");
            page.type("replay-canary", "3");
            assertThat(page.element("replay-pause-above").getAttribute("value")).as("the default").isEqualTo("5");

            String runId = replayConfirmed(page, group, "The first 3 go alone, as a canary");
            WebElement result = page.element("replay-result");
            assertThat(result.getText()).contains("Replayed 3 messages into %RETRY%" + group);
            assertThat(within(result, "run-outcome").getText()).startsWith("The replay paused after the canary: 1 of "
                    + "its 3 messages failed: " + ids.get(1) + " (broker-a/0 at offset 1, failed 1 time")
                    .contains("(run " + runId + ": resume it once the group's consumers are fixed, or abort it)");
            WebElement canary = within(result, "canary-verdict");
            assertThat(canary.getAttribute("data-passed")).isEqualTo("false");
            assertThat(canary.getText()).startsWith("Canary failed: 1 of the 3 messages sent first, alone, failed: "
                    + ids.get(1));
            page.waitUntil(() -> "PAUSED".equals(latestState(runId)));
            WebElement pausedRow = historyRow(runId);
            assertThat(pausedRow.findElement(By.cssSelector("[data-test=run-state]")).getText()).isEqualTo("paused");
            assertThat(pausedRow.findElement(By.cssSelector("[data-test=run-reason]")).getText())
                    .startsWith("paused after the canary: 1 of its 3 messages failed: " + ids.get(1));
            assertThat(pausedRow.findElements(By.cssSelector("[data-test=run-resume]"))).hasSize(1);
            assertThat(openRun(runId).getText()).contains("Run " + runId + " paused after the canary: 1 of its 3 "
                    + "messages failed: " + ids.get(1));
            HeadlessChromium.screenshot(browser(), "aReplayPausedAfterItsCanary");
            page.scrollTo(pausedRow);
            HeadlessChromium.screenshot(browser(), "aPausedRunInTheHistory");

            orders.fix();
            resumeOnceQuiet(page, group, () -> within(page.element("replay-result"), "run-resume"));
            assertThat(page.element("replay-result").getText()).contains("Resumed run " + runId + ": sent "
                    + (ORDERS - 3) + " more messages into %RETRY%" + group + " (3 before).")
                    .contains("Run " + runId + " finished.");
            orders.awaitCopies(ids);
            DeliveryLedger.Comparison ledger = orders.copies().compare(ids, ids, Long.MIN_VALUE);
            assertThat(ledger.exact()).as("a copy of every order, once: " + ledger).isTrue();
            page.waitUntil(() -> "FINISHED".equals(latestState(runId)) && !page.element("runs-banner").isDisplayed());
            assertThat(historyRow(runId).findElements(By.cssSelector("[data-test=run-resume]"))).isEmpty();
            HeadlessChromium.screenshot(browser(), "aPausedRunResumedAndFinished");

            orders.breakAgain();
            browser().findElement(By.id("replay-again")).click();
            String secondId = replayConfirmed(page, group, "The first 3 go alone, as a canary");
            assertThat(secondId).isNotEqualTo(runId);
            page.waitUntil(() -> openRun(secondId).isDisplayed());
            page.scrollTo(page.element("runs-banner"));
            HeadlessChromium.screenshot(browser(), "aPausedRunInTheBanner");
            page.click(openRun(secondId).findElement(By.cssSelector("[data-test=run-abort]")));
            page.confirmTypingTheGroup(group);
            page.waitUntil(() -> "ABORTED".equals(page.element("runs-result").getAttribute("data-state")));
            assertThat(page.element("runs-result").getText()).isEqualTo("Aborted run " + secondId + " (aborted by "
                    + ADMIN + "): what it left is not sent.");
            page.waitUntil(() -> "ABORTED".equals(latestState(secondId)) && !page.element("runs-banner").isDisplayed());
            assertThat(historyRow(secondId).findElement(By.cssSelector("[data-test=run-state]")).getText())
                    .isEqualTo("aborted");
            assertThat(browser().findElements(By.cssSelector("button[data-run-id='" + secondId + "']")))
                    .as("no Resume or Abort left for it, in the replay's result neither").isEmpty();
            page.scrollTo(historyRow(secondId));
            HeadlessChromium.screenshot(browser(), "aPausedRunAborted");
        }
    }

    /**
     * Previews, replays, checks that the confirmation says {@code policy}, types the group, and waits for the run to
     * pause; returns its id.
     */
    private String replayConfirmed(ConsolePage page, String group, String policy) {
        String before = page.element("replay-result").getAttribute("data-run-id");
        page.element("replay-preview").click();
        page.waitUntil(() -> Integer.toString(ORDERS).equals(page.element("replay-totals")
                .getAttribute("data-replay")));
        page.element("replay").click();
        page.waitUntil(() -> page.element("confirm").isDisplayed());
        assertThat(page.element("confirm-text").getText()).contains(policy)
                .contains("The run pauses when more than 5% of the messages sent in the last minute fail.");
        page.confirmTypingTheGroup(group);
        page.waitUntil(() -> "PAUSED".equals(page.element("replay-result").getAttribute("data-state"))
                && !page.element("replay-result").getAttribute("data-run-id").equals(before));
        return page.element("replay-result").getAttribute("data-run-id");
    }

    /**
     * Presses the Resume that {@code button} finds and confirms with the group's name, again while the console refuses
     * because the run stored a message too recently, until the run finished.
     */
    private void resumeOnceQuiet(ConsolePage page, String group, Supplier<WebElement> button) {
        await("the resume").atMost(PATIENCE).until(() -> {
            page.click(button.get());
            page.confirmTypingTheGroup(group);
            page.waitUntil(() -> page.element("error").getText().contains("may be sending still")
                    || "FINISHED".equals(page.element("replay-result").getAttribute("data-state")));
            return "FINISHED".equals(page.element("replay-result").getAttribute("data-state"));
        });
    }

    /** The state of the run's latest entry in the group's history. */
    private static String latestState(String runId) {
        return historyRow(runId).findElement(By.cssSelector("[data-test=run-state]")).getAttribute("data-state");
    }

    /** The run's latest row in the group's history (newest first). */
    private static WebElement historyRow(String runId) {
        return browser().findElement(By.cssSelector("#history [data-test=history-row][data-run-id='" + runId + "']"));
    }

    /** The run in the banner of the group's runs that may go on. */
    private static WebElement openRun(String runId) {
        return browser().findElement(By.cssSelector("#runs-banner [data-test=open-run][data-run-id='" + runId + "']"));
    }

    private static ChromeDriver browser() {
        return CHROMIUM.driver();
    }

    private static WebElement within(WebElement box, String test) {
        return box.findElement(By.cssSelector("[data-test=" + test + "]"));
    }
}
