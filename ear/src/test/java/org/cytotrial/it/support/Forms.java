package org.cytotrial.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * Filling PrimeFaces forms the way a person does (click, type, Tab), each step waiting until the
 * ajax it starts has finished and checking that it took, so a slow, loaded machine makes the
 * tests slower, not flaky.
 */
public final class Forms {

    private Forms() {}

    /** Types into a field (replacing what it holds) and leaves it with Tab, which fires its change event. */
    public static void type(Browser browser, String id, String text) {
        WebElement input = browser.byId(id);
        input.clear();
        input.sendKeys(text);
        input.sendKeys(Keys.TAB);
        browser.waitForAjax();
    }

    /**
     * Picks an option of a PrimeFaces select menu by its label, and checks it took. The option is
     * clicked once its panel has finished opening: on a loaded machine a click during the opening
     * transition may find the option not yet interactable, which is tried again.
     */
    public static void choose(Browser browser, String id, String label) {
        By panel = By.id(id + "_panel");
        By option = By.cssSelector("[id='" + id + "_panel'] li[data-label='" + label + "']");
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                List<WebElement> open = browser.driver().findElements(panel);
                if (open.isEmpty() || !open.get(0).isDisplayed()) {
                    browser.byId(id).click();
                }
                browser.find(option);
                browser.waitFor(d -> "1".equals(browser.script("return getComputedStyle(arguments[0]).opacity",
                        d.findElement(panel))));
                browser.find(option).click();
            } catch (ElementNotInteractableException | StaleElementReferenceException e) {
                // still opening, or re-rendered by an ajax update meanwhile: look again
            }
            browser.waitForAjax();
            if (label.equals(browser.driver().findElement(By.id(id + "_label")).getText())) {
                return;
            }
        }
        throw new AssertionError("could not choose " + label + " in " + id);
    }

    /** Checks a PrimeFaces radio button through its label, and that it took. */
    public static void radio(Browser browser, String inputId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            browser.find(By.cssSelector("label[for='" + inputId + "']")).click();
            browser.waitForAjax();
            if (browser.driver().findElement(By.id(inputId)).isSelected()) {
                return;
            }
        }
        throw new AssertionError("could not check " + inputId);
    }

    /** Ticks a PrimeFaces check box (p:selectBooleanCheckbox) by clicking its box, and checks that it took. */
    public static void tick(Browser browser, String id) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (checked(browser, id)) {
                return;
            }
            browser.byId(id).findElement(By.cssSelector(".ui-chkbox-box")).click();
            browser.waitForAjax();
        }
        if (!checked(browser, id)) {
            throw new AssertionError("could not tick " + id);
        }
    }

    private static boolean checked(Browser browser, String id) {
        return Boolean.TRUE.equals(browser.script("return document.getElementById(arguments[0]).checked", id + "_input"));
    }

    /** Opens a tab of a PrimeFaces tab view by its title, and waits until its panel shows. */
    public static void openTab(Browser browser, String title) {
        browser.find(By.xpath("//ul[@role='tablist']//a[normalize-space()='" + title + "']")).click();
        browser.waitForAjax();
        browser.waitFor(d -> d.findElements(By.xpath("//ul[@role='tablist']/li[contains(@class,'ui-state-active')]"
                + "[.//a[normalize-space()='" + title + "']]")).size() == 1);
    }

    /** The screen fits the 1280x800 viewport: no horizontal scroll bar, no table cell whose content is cut off. */
    public static void assertFitsTheScreen(Browser browser, String screen) {
        assertEquals(List.of((long) Browser.WIDTH, (long) Browser.HEIGHT), browser.viewport(), "the viewport");
        long width = browser.pageWidth();
        assertTrue(width <= Browser.WIDTH, screen + " is laid out " + width + " px wide");
        assertTrue(width <= browser.clientWidth(), screen + " scrolls sideways: " + width + " px in " + browser.clientWidth());
        assertEquals(List.of(), browser.clippedCells(), screen + ": cells whose content does not fit");
    }
}
