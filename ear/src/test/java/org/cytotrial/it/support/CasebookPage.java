package org.cytotrial.it.support;

import static org.cytotrial.it.support.Forms.choose;
import static org.cytotrial.it.support.Forms.type;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The casebook page's parts as a test reaches them: the schedule, a visit's result and lesion lines, the test picker. */
public final class CasebookPage {

    private CasebookPage() {}

    /** The line of a test in the visit form's results table, found by the code it shows. */
    public static String resultXpath(String test) {
        return "//table[contains(@id,'entryForm:results')]//tr[.//abbr[normalize-space()='" + test + "']]";
    }

    public static WebElement resultRow(Browser browser, String test) {
        return browser.find(By.xpath(resultXpath(test)));
    }

    public static WebElement resultInput(Browser browser, String test) {
        return browser.find(By.xpath(resultXpath(test) + "//input[contains(@id,':value')]"));
    }

    public static void resultValue(Browser browser, String test, String value) {
        type(browser, resultInput(browser, test).getAttribute("id"), value);
    }

    public static void chooseUnit(Browser browser, String test, String unit) {
        String id = browser.find(By.xpath(resultXpath(test) + "//div[contains(@id,':unit') and contains(@class,'ui-selectonemenu')]"))
                .getAttribute("id");
        choose(browser, id, unit);
    }

    /** Adds a catalogue test the study's panel does not offer, with the form's "Add a test…" picker. */
    public static void addTest(Browser browser, String code, String name) {
        choose(browser, "sections:entryForm:addMarker", code + " – " + name);
        browser.byId("sections:entryForm:addMarkerButton").click();
        browser.waitForAjax();
        browser.waitFor(d -> !d.findElements(By.xpath(resultXpath(code))).isEmpty());
    }

    public static void openVisit(Browser browser, String name) {
        browser.find(By.xpath("//*[@id='sections:visitsForm:schedule']//a[normalize-space()='" + name + "']")).click();
        browser.waitForAjax();
        browser.waitFor(d -> d.findElements(By.xpath("//form[@id='sections:entryForm']//h2[starts-with(normalize-space(),'"
                + name + "')]")).size() == 1);
    }

    /** A visit's line in the schedule. */
    public static WebElement scheduleLine(Browser browser, String visit) {
        return browser.find(By.xpath("//*[@id='sections:visitsForm:schedule']//tr[.//a[normalize-space()='" + visit + "']]"));
    }

    public static void addLesion(Browser browser, int row, String location, String diameter) {
        browser.byId("sections:entryForm:addLesion").click();
        browser.waitForAjax();
        type(browser, "sections:entryForm:lesions:" + row + ":location", location);
        type(browser, "sections:entryForm:lesions:" + row + ":diameter", diameter);
    }

    public static void lesionValue(Browser browser, String id, String value) {
        WebElement input = browser.find(By.xpath("//table[contains(@id,'entryForm:lesions')]//tr[td[1][normalize-space()='" + id
                + "']]//input[contains(@id,':diameter')]"));
        type(browser, input.getAttribute("id"), value);
    }
}
