package org.cytotrial.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium, with the page's viewport at the 1280x800 the
 * screens are designed for. {@code --window-size} sizes the browser's window, of which the page
 * gets less; the viewport itself is set through the DevTools protocol (device metrics), so
 * screenshots and layout checks see exactly 1280x800 CSS pixels. The browser and driver paths
 * are given explicitly so Selenium never tries to download one.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 800;

    private final WebDriver driver;
    private final Path profile;

    public Browser() {
        try {
            profile = Files.createTempDirectory("cytotrial-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
        driver = chrome;
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser open(String path) {
        driver.get(It.baseUrl() + path);
        return this;
    }

    /** Logs in through the login page and waits for the page after it. */
    public Browser login(String username, String password) {
        open("/login.xhtml");
        driver.findElement(By.id("loginForm:username")).sendKeys(username);
        driver.findElement(By.id("loginForm:password")).sendKeys(password);
        driver.findElement(By.id("loginForm:submit")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login.xhtml") || !d.findElements(By.cssSelector(".ui-messages-error")).isEmpty());
        return this;
    }

    public Browser loginAs(String demoUser) {
        return login(demoUser, It.DEMO_PASSWORD);
    }

    public WebElement find(By by) {
        return wait(20).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement byId(String id) {
        return find(By.id(id));
    }

    public void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        wait(20).until(condition::apply);
    }

    /** Waits until PrimeFaces has no ajax request in flight. */
    public void waitForAjax() {
        waitFor(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return (typeof PrimeFaces === 'undefined' || PrimeFaces.ajax.Queue.isEmpty())"
                        + " && (typeof jQuery === 'undefined' || jQuery.active === 0)")));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The page's viewport in CSS pixels: {innerWidth, innerHeight}. */
    public List<Long> viewport() {
        @SuppressWarnings("unchecked")
        List<Long> size = (List<Long>) script("return [window.innerWidth, window.innerHeight]");
        return size;
    }

    /** How wide the page is laid out: more than the viewport means a horizontal scroll bar. */
    public long pageWidth() {
        return (Long) script("return document.documentElement.scrollWidth");
    }

    /** The width the page may use without scrolling sideways (the viewport less a vertical scroll bar). */
    public long clientWidth() {
        return (Long) script("return document.documentElement.clientWidth");
    }

    /**
     * Table cells (and PrimeFaces column titles) whose content does not fit: wider than the cell,
     * so clipped or spilling over the next one. Each as "text of the cell (content/cell px)".
     */
    public List<String> clippedCells() {
        @SuppressWarnings("unchecked")
        List<String> clipped = (List<String>) script("const found = [];"
                + "document.querySelectorAll('main th, main td, main .ui-column-title').forEach(el => {"
                + "  if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1) {"
                + "    found.push(el.innerText.trim().replace(/\\s+/g, ' ').slice(0, 40)"
                + "        + ' (' + el.scrollWidth + '/' + el.clientWidth + ' px)');"
                + "  }"
                + "});"
                + "return found;");
        return clipped;
    }

    /** The cells of each body row of a table (h:dataTable) of the page, as shown. */
    public List<List<String>> tableRows(String tableId) {
        return driver.findElements(By.xpath("//table[@id='" + tableId + "']/tbody/tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(td -> td.getText().strip()).toList()).toList();
    }

    /** The id of the element that has the keyboard focus. */
    public String focusedId() {
        return (String) script("return document.activeElement ? document.activeElement.id : null");
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Saves a screenshot under target/screenshots for review. */
    public Path screenshot(String name) {
        try {
            Path dir = It.outputDir().resolve("screenshots");
            Files.createDirectories(dir);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = dir.resolve(name + ".png");
            Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebDriverWait wait(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind does no harm
        }
    }
}
