package dev.backtrack.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's page in the browser tests' Chromium: logging in, finding and typing into elements by id, waiting for
 * what the page shows (the page's error line named on a timeout), and the typed confirmation.
 */
final class ConsolePage {

    private final ChromeDriver browser;
    private final String base;
    private final Duration patience;

    /** The console at {@code base} ({@code http://localhost:PORT/backtrack-console}), waited for {@code patience}. */
    ConsolePage(ChromeDriver browser, String base, Duration patience) {
        this.browser = browser;
        this.base = base;
        this.patience = patience;
    }

    /** Whether the page has loaded the view of that hash. */
    boolean shown(String hash) {
        return hash.equals(browser.findElement(By.tagName("body")).getAttribute("data-shown"));
    }

    /** Logs in through the form, which opens the list of topics and groups. */
    void logIn(String user, String password) {
        browser.get(base + "/login");
        type("username", user);
        type("password", password);
        browser.findElement(By.id("login-submit")).click();
        waitUntil(() -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready"))
                && shown("#/"));
        assertThat(element("me").getAttribute("data-user")).isEqualTo(user);
        assertThat(element("me").isDisplayed()).isTrue();
    }

    /** Logs in and opens the page of {@code group} on {@code topic}. */
    void logIn(String user, String password, String group, String topic) {
        logIn(user, password);
        browser.findElement(By.cssSelector("[data-test=group-row][data-group='" + group + "'], "
                + "[data-test=topic-row][data-topic='" + topic + "']"));
        browser.get(base + "/?group=" + group + "&topic=" + topic);
        waitUntil(() -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready"))
                && topic.equals(element("detail").getAttribute("data-topic")));
        assertThat(element("error").isDisplayed()).as(element("error").getText()).isFalse();
    }

    /** Opens the view of {@code hash} (e.g. {@code #/topic/T/groups}) and waits until it has loaded. */
    void open(String hash) {
        browser.get(base + "/" + hash);
        waitUntil(() -> shown(hash));
        assertThat(element("error").isDisplayed()).as(element("error").getText()).isFalse();
    }

    /** Waits for the confirmation, checks that a wrong name does not confirm, types the group and confirms. */
    void confirmTypingTheGroup(String group) {
        waitUntil(() -> element("confirm").isDisplayed());
        type("confirm-input", group + "x");
        assertThat(element("confirm-ok").isEnabled()).as("a wrong name does not confirm").isFalse();
        type("confirm-input", group);
        element("confirm-ok").click();
    }

    /** The kinds of the entries in the history table {@code table}, newest first. */
    List<String> historyKinds(String table) {
        return browser.findElements(By.cssSelector("#" + table + " [data-test=history-row]")).stream()
                .map(row -> row.getAttribute("data-kind")).toList();
    }

    /** Scrolls {@code element} to the middle of the window, clear of the sticky header; returns it. */
    WebElement scrollTo(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        return element;
    }

    /** Clicks {@code element} once scrolled to the middle of the window. */
    void click(WebElement element) {
        scrollTo(element).click();
    }

    /** The element with that id. */
    WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    /** Replaces the input's text. */
    void type(String id, String text) {
        WebElement input = element(id);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits until the condition holds (its exceptions count as not yet), naming the page's error line on a timeout. */
    void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, patience).ignoring(RuntimeException.class)
                .withMessage(() -> "the page's error line: '" + element("error").getText() + "'")
                .until(driver -> condition.getAsBoolean());
    }
}
