package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio in a real browser: headless Chromium from Debian's packages, driven by Selenium through the system
 * chromedriver (no browser download), against a real studio on an ephemeral port. One browser and one studio per
 * test class; helpers to find, type, upload and take screenshots (under {@code target/screenshots/}).
 *
 * <p>Skips when Chromium is not installed, unless the environment variable CI is "true": then it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestBase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    StudioServer server;
    WebDriver driver;
    Path profile;
    Path files;
    Path shots;

    @BeforeAll
    void start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run must run "
                        + "apt-get install -y chromium chromium-driver");
            }
            Assumptions.assumeTrue(false, "browser tests skipped: Chromium is not installed "
                    + "(apt-get install -y chromium chromium-driver); with CI=true this is a failure");
        }
        server = new StudioServer(StudioOptions.defaults().withPort(0)).start();
        profile = Files.createTempDirectory("studio-chromium-");
        files = Files.createTempDirectory("studio-files-");
        shots = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Files.createDirectories(shots);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        driver = new ChromeDriver(o);
        driver.get(server.url());
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        for (Path p : new Path[] {profile, files}) {
            if (p != null) {
                try (var all = Files.walk(p)) {
                    all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // temp folders
                }
            }
        }
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    WebElement $(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void tab(String panel) {
        $("#tabs button[data-panel=" + panel + "]").click();
    }

    void shot(String name) throws IOException {
        Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    void upload(String css, Path file) {
        WebElement input = $(css);
        ((JavascriptExecutor) driver).executeScript("arguments[0].style.display='block'", input);
        input.sendKeys(file.toAbsolutePath().toString());
    }

    void type(String css, String value) {
        WebElement e = $(css);
        e.clear();
        e.sendKeys(value);
    }

    /** The text of an element the page redraws often (read in one script call, so it cannot go stale). */
    String text(String css) {
        Object t = ((JavascriptExecutor) driver).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css);
        return t == null ? "" : t.toString();
    }

    void clickNow(String css) {
        ((JavascriptExecutor) driver).executeScript("document.querySelector(arguments[0]).click()", css);
    }

    int attr(String css, String name) {
        String v = $(css).getAttribute(name);
        return v == null ? 0 : Integer.parseInt(v);
    }
}
