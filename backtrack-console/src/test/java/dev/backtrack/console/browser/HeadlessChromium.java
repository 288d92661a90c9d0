package dev.backtrack.console.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the machine's Chromium headless through its chromedriver, never anything Selenium Manager would download;
 * fails (does not skip) naming the packages to install when either is missing.
 */
final class HeadlessChromium {

    static final String BROWSER = System.getProperty("backtrack.test.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("backtrack.test.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private HeadlessChromium() {
    }

    /** A new headless Chromium session. */
    static ChromeDriver start() {
        for (String file : new String[] {BROWSER, DRIVER}) {
            if (!new File(file).canExecute()) {
                throw new AssertionError("The browser tests need Chromium and its driver, and " + file + " is missing:"
                        + " install them with `apt-get install -y chromium chromium-driver` (as root)");
            }
        }
        System.setProperty("webdriver.chrome.driver", DRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** One headless Chromium for a test class: started before its first test, quit after its last. */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        private @Nullable ChromeDriver driver;

        @Override
        public void beforeAll(ExtensionContext context) {
            driver = start();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (driver != null) {
                driver.quit();
            }
        }

        /** The class's browser. */
        ChromeDriver driver() {
            return Objects.requireNonNull(driver, "Chromium starts before the class's first test");
        }
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    static void screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
