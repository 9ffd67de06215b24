package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.alerting.WebhookSender;
import io.faultline.console.ConsoleHeadersFilter;
import io.faultline.it.support.Await;
import io.faultline.it.support.Browser;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.SignedInBrowser;
import io.faultline.it.support.Settings;
import io.faultline.it.support.WebhookReceiver;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium against the deployed WAR (contract section 10): sign-in with
 * no browser dialog, the live feed, triage, notifications, circuits, sign-out, values shown as
 * text, the security headers, themes and a narrow screen. Each view is saved as a screenshot
 * under target/console-screenshots.
 */
class ConsoleIT extends SignedInBrowser {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    private String key;
    private String slug;

    @Override
    protected void prepare() throws Exception {
        super.prepare();
        key = Projects.newProjectKey(http, "console");
        slug = Projects.slugOf(http, key);
    }

    /** Reports one event and returns the API's answer: its id and group id. */
    private JsonObject report(String message, String fingerprint) {
        Reply reply = http.postJson("/api/errors/report", "{\"level\":\"error\",\"message\":" + jsonString(message)
                        + ",\"fingerprint\":[\"" + fingerprint + "\"],\"tags\":{\"region\":\"eu-1\"},"
                        + "\"exception\":{\"type\":\"IllegalStateException\",\"value\":" + jsonString(message) + ",\"stacktrace\":["
                        + "{\"module\":\"java.lang.Thread\",\"function\":\"run\",\"file\":\"Thread.java\",\"line\":840,\"inApp\":false},"
                        + "{\"module\":\"com.example.Checkout\",\"function\":\"pay\",\"file\":\"Checkout.java\",\"line\":42,\"inApp\":true}]},"
                        + "\"breadcrumbs\":[{\"category\":\"http\",\"message\":\"POST /pay\",\"level\":\"info\"}]}",
                "X-Faultline-Key", key);
        assertEquals(202, reply.status(), reply::toString);
        return reply.json();
    }

    private static String jsonString(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }

    /** No script error and no policy violation reached the page's console. */
    private void assertConsoleClean() {
        List<LogEntry> problems = browser.consoleMessages().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                // A refused request (401 after sign-out, a 409 in triage) is reported by the browser itself; it is not the page's fault.
                .filter(e -> !e.getMessage().contains("Failed to load resource"))
                .toList();
        assertTrue(problems.isEmpty(), () -> "the page's console: " + problems);
    }

    @Test
    void everyConsoleFileCarriesAStrictPolicy() {
        Reply page = http.get("/console/");
        assertTrue(page.contentType().startsWith("text/html"), page::toString);
        assertEquals("no-cache", page.header("Cache-Control"), "the page is revalidated at every load");
        java.util.regex.Matcher app = java.util.regex.Pattern.compile("src=\"(v/[A-Za-z0-9_-]{12}/)app\\.js\"").matcher(page.body());
        assertTrue(app.find(), "the page names its script under a versioned folder: " + page.body());
        String version = app.group(1);
        assertFalse(page.body().matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "an inline script in the page");
        assertFalse(ConsoleHeadersFilter.POLICY.contains("unsafe"), "no inline script, no eval");

        for (String file : List.of("", version + "app.js", version + "views/groups.js", version + "console.css", "dom.js")) {
            Reply reply = http.get("/console/" + file);
            assertEquals(200, reply.status(), file);
            assertEquals(ConsoleHeadersFilter.POLICY, reply.header("Content-Security-Policy"), file);
            assertEquals("nosniff", reply.header("X-Content-Type-Options"), file);
            assertEquals("no-referrer", reply.header("Referrer-Policy"), file);
            assertEquals("DENY", reply.header("X-Frame-Options"), file);
        }
        Reply versioned = http.get("/console/" + version + "app.js");
        assertTrue(versioned.contentType().startsWith("text/javascript"), versioned::toString);
        assertEquals("public, max-age=31536000, immutable", versioned.header("Cache-Control"));
        assertEquals("no-cache", http.get("/console/v/an-old-one/app.js").header("Cache-Control"),
                "a page from before an upgrade gets today's file, not cached for good");
        Reply unchanged = http.get("/console/" + version + "app.js", "If-None-Match", versioned.header("ETag"));
        assertEquals(304, unchanged.status());

        for (String outside : List.of("/console/../WEB-INF/web.xml", "/console/WEB-INF/web.xml", "/console/v/x/../../WEB-INF/beans.xml",
                "/console/index.jsp", "/console/%2e%2e/WEB-INF/web.xml")) {
            Reply refused = http.get(outside);
            assertEquals(404, refused.status(), outside + ": " + refused);
            assertFalse(refused.body().contains("<web-app"), outside);
        }
    }

    @Test
    void anEventAppearsInTheLiveFeedWithinOneSecond() {
        browser.open("#/feed");
        browser.awaitText("#feed-state", "Live");
        String message = "feed " + UUID.randomUUID();
        long start = System.nanoTime();
        report(message, message);
        WebElement row;
        try {
            row = new WebDriverWait(browser.driver(), Duration.ofSeconds(5), Duration.ofMillis(10))
                    .until(d -> d.findElements(By.xpath("//div[@id='feed-rows']/div[contains(., '" + message + "')]"))
                            .stream().findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("feed-failed");
            throw new AssertionError("not in the feed: " + browser.all("#feed-state").get(0).getText() + ", "
                    + browser.all("#feed-count").get(0).getText() + ", console: " + browser.consoleMessages(), e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, "the event reached the page after " + millis + " ms");
        assertTrue(row.getText().contains(slug), row.getText());

        // Paused: nothing new is drawn, and the count of what waits shows; resumed: it is drawn.
        browser.driver().findElement(By.id("feed-pause")).click();
        String held = "held " + UUID.randomUUID();
        report(held, held);
        browser.awaitText("#feed-count", "1 new while paused");
        assertTrue(browser.all("#feed-rows .feed-row").stream().noneMatch(r -> r.getText().contains(held)));
        browser.driver().findElement(By.id("feed-pause")).click();
        browser.awaitText("#feed-rows", held);
        browser.screenshot("feed");
        assertConsoleClean();
    }

    @Test
    void comingBackToTheFeedShowsWhatArrivedMeanwhile() {
        browser.open("#/feed");
        browser.awaitText("#feed-state", "Live");
        String seen = "seen " + UUID.randomUUID();
        report(seen, seen);
        browser.awaitText("#feed-rows", seen);

        browser.open("#/groups");
        browser.await("main h1");
        String missed = "missed " + UUID.randomUUID();
        report(missed, missed);
        browser.open("#/feed");
        browser.awaitText("#feed-rows", missed);
        assertTrue(browser.all("#feed-rows .feed-row").stream().noneMatch(r -> r.getText().contains(seen)),
                "an event shown before was replayed again");
    }

    @Test
    void resolvingAGroupChangesItsStatusInTheList() {
        String title = "resolve " + UUID.randomUUID();
        String groupId = report(title, title).getString("groupId");
        browser.open("#/groups?project=" + slug + "&q=" + title.substring(8, 20));
        WebElement link = browser.await(By.partialLinkText(title));
        String row = "#groups-table tr[data-id='" + groupId + "']";
        assertTrue(browser.driver().findElement(By.cssSelector(row)).getText().contains("unresolved"));
        browser.screenshot("groups");

        link.click();
        browser.awaitText("#group-title", title);
        browser.await("#group-chart");
        assertTrue(browser.await("#exception-chain").getText().contains("IllegalStateException: " + title));
        assertEquals(1, browser.all("#frames li").stream().filter(WebElement::isDisplayed).count(), "in-app frames only");
        assertTrue(browser.await("#tags").getText().contains("eu-1"));
        assertTrue(browser.await("#breadcrumbs").getText().contains("POST /pay"));
        browser.driver().findElement(By.id("resolve-release")).sendKeys("2.4.0");
        browser.driver().findElement(By.cssSelector("#group-actions button[data-status=resolved]")).click();
        browser.await("#group-actions button[data-status=unresolved]");
        browser.screenshot("group");

        browser.driver().navigate().back();
        browser.awaitText(row, "resolved");
        JsonObject group = http.get("/api/errors/groups/" + groupId, "Authorization", Http.admin()).json();
        assertEquals("resolved", group.getString("status"));
        assertEquals("2.4.0", group.getString("resolvedInRelease"));
        assertConsoleClean();
    }

    @Test
    void keysMoveSelectAndTriageInBulk() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String first = report("bulk a " + tag, "bulk-a-" + tag).getString("groupId");
        String second = report("bulk b " + tag, "bulk-b-" + tag).getString("groupId");
        browser.open("#/groups?project=" + slug + "&q=" + tag);
        browser.await("#groups-table");
        WebElement body = browser.driver().findElement(By.tagName("body"));
        body.sendKeys("j");
        body.sendKeys("x");
        body.sendKeys("j");
        body.sendKeys("x");
        browser.awaitText("#bulk-count", "2 selected");
        browser.driver().findElement(By.cssSelector("#bulk button[data-status=acknowledged]")).click();
        browser.awaitText("#groups-table tr[data-id='" + first + "']", "acknowledged");
        browser.awaitText("#groups-table tr[data-id='" + second + "']", "acknowledged");

        body = browser.driver().findElement(By.tagName("body"));
        body.sendKeys("?");
        assertTrue(browser.await("#help").getText().contains("next / previous row"));
        body.sendKeys(Keys.ESCAPE);
        body.sendKeys("j");
        body.sendKeys(Keys.ENTER);
        browser.await("#group-title");
        assertTrue(browser.driver().getCurrentUrl().matches(".*#/groups/(" + first + "|" + second + ")"),
                browser.driver().getCurrentUrl());
    }

    @Test
    void filtersAreKeptInTheAddress() {
        browser.open("#/groups?project=" + slug + "&status=resolved&level=error");
        browser.await("#groups-filters");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.name("level"))).selectByValue("warning");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> d.getCurrentUrl().contains("level=warning"));
        browser.driver().navigate().refresh();
        browser.await("#groups-filters");
        assertEquals("warning", browser.driver().findElement(By.name("level")).getAttribute("value"));
        assertEquals("resolved", browser.driver().findElement(By.name("status")).getAttribute("value"));
        assertEquals(slug, browser.driver().findElement(By.name("project")).getAttribute("value"));
    }

    @Test
    void acknowledgingANotificationMarksIt() {
        String title = "notify " + UUID.randomUUID();
        String groupId = report(title, title).getString("groupId");
        Await.until(Duration.ofSeconds(10), Duration.ofMillis(50), () -> notificationOf(groupId) != null,
                () -> "no notification of the new group " + groupId);
        JsonObject notification = notificationOf(groupId);
        browser.open("#/notifications?unacknowledged=true");
        String row = "#notifications-table tr[data-id='" + notification.getString("id") + "']";
        browser.await(row + " button.acknowledge").click();
        browser.awaitText(row, "by " + Settings.ADMIN);
        browser.screenshot("notifications");
        JsonObject stored = http.get("/api/errors/notifications?limit=500", "Authorization", Http.admin()).json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("id").equals(notification.getString("id"))).findFirst().orElseThrow();
        assertTrue(stored.getBoolean("acknowledged"), stored::toString);
    }

    private JsonObject notificationOf(String groupId) {
        return http.get("/api/errors/notifications?limit=500", "Authorization", Http.admin()).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(n -> groupId.equals(n.getString("groupId", null)))
                .findFirst().orElse(null);
    }

    private int ping(String hook) {
        return http.send("POST", "/api/webhooks/" + hook + "/ping", null, "Authorization", Http.admin()).status();
    }

    @Test
    void aFailingWebhooksCircuitShowsOpen() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(WebhookReceiver.Mode.FAIL)) {
            String hook = http.postJson("/api/webhooks", "{\"url\":\"" + receiver.url() + "\",\"secret\":\"whsec_"
                    + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\",\"events\":[\"circuit\"]}",
                    "Authorization", Http.admin()).json().getString("id");
            try {
                browser.open("#/ops");
                browser.await("#circuits");
                int sent = 0;
                while (ping(hook) != 503) {
                    assertTrue(++sent < 10, "the receivers' circuit never opened");
                }
                browser.awaitText("#circuits tr[data-name='" + WebhookSender.CIRCUIT + "'] .state", "open");
                assertTrue(browser.await("#degradation").getText().contains("Degraded"));
                browser.screenshot("operations");
            } finally {
                receiver.answer(WebhookReceiver.Mode.OK);
                // Closed again for the tests after this one: a successful trial once the delay is over.
                Await.until(Duration.ofSeconds(15), Duration.ofMillis(200), () -> ping(hook) == 200, () -> "the circuit stayed open");
                http.send("DELETE", "/api/webhooks/" + hook, null, "Authorization", Http.admin());
            }
        }
        assertConsoleClean();
    }

    @Test
    void valuesAreShownAsTextAndRunNoScript() {
        String hostile = "<img src=x onerror=alert(1)>";
        browser.open("#/feed");
        browser.awaitText("#feed-state", "Live");
        Reply reply = http.postJson("/api/errors/report", "{\"level\":\"error\",\"message\":" + jsonString(hostile)
                + ",\"fingerprint\":[\"xss-" + UUID.randomUUID() + "\"],\"tags\":{\"note\":" + jsonString(hostile) + "}}",
                "X-Faultline-Key", key);
        assertEquals(202, reply.status(), reply::toString);
        String groupId = reply.json().getString("groupId");
        browser.awaitText("#feed-rows", hostile);
        assertTrue(browser.all("main img").isEmpty(), "the message became an element in the feed");
        browser.open("#/groups/" + groupId);
        browser.awaitText("#group-title", hostile);
        browser.awaitText("#tags", hostile);
        assertTrue(browser.all("main img").isEmpty(), "the message became an element");
        browser.open("#/groups?project=" + slug);
        browser.await(By.linkText(hostile));
        assertTrue(browser.all("main img").isEmpty(), "the message became an element");
        assertThrowsNoAlert();
        assertConsoleClean();
    }

    private void assertThrowsNoAlert() {
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("a script from an event's message ran and opened an alert");
        } catch (NoAlertPresentException expected) {
            // As it should be.
        }
    }

    @Test
    void darkAndLightFollowTheSystemAndANarrowScreenFits() {
        browser.prefersColorScheme("dark");
        browser.open("#/groups?project=" + slug);
        browser.await("main h1");
        String dark = (String) browser.script("return getComputedStyle(document.body).backgroundColor");
        browser.screenshot("groups-dark");
        browser.prefersColorScheme("light");
        String light = (String) browser.script("return getComputedStyle(document.body).backgroundColor");
        assertFalse(dark.equals(light), "the same background in both themes: " + dark);

        browser.resize(390, 844);
        try {
            for (String view : List.of("#/groups?project=" + slug, "#/feed", "#/notifications", "#/ops", "#/admin/projects")) {
                browser.open(view);
                browser.await("main h1");
                long overflow = (Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertEquals(0, overflow, view + " is wider than a 390 px screen");
            }
            browser.screenshot("narrow");
        } finally {
            browser.resize(1280, 900);
        }
    }

    @Test
    void anAdminCreatesAProjectAndSeesItsKeyOnce() {
        browser.open("#/admin/projects");
        String newSlug = "made-in-console-" + UUID.randomUUID().toString().substring(0, 6);
        browser.await("#project-form input[name=slug]").sendKeys(newSlug);
        browser.driver().findElement(By.cssSelector("#project-form input[name=name]")).sendKeys("From the console");
        browser.driver().findElement(By.cssSelector("#project-form button[type=submit]")).click();
        String shownKey = browser.await("#new-project-key").getText();
        String dsn = browser.await("#new-project-dsn").getText();
        assertTrue(dsn.contains("@127.0.0.1:" + server.port() + "/"), dsn);
        Reply reported = http.postJson("/api/errors/report", "{\"message\":\"from a key shown once\"}", "X-Faultline-Key", shownKey);
        assertEquals(202, reported.status(), reported::toString);
        browser.screenshot("admin-projects");
        browser.open("#/admin/projects");
        browser.await("#projects-table tr[data-slug='" + newSlug + "']");
        assertTrue(browser.all("#new-project-key").isEmpty(), "the key is shown once, not on the next visit");
        assertFalse(browser.driver().getPageSource().contains(shownKey));
    }

    @Test
    void anAdminAddsAWebhookAndRedeliversADelivery() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(WebhookReceiver.Mode.OK)) {
            browser.open("#/admin/webhooks");
            browser.await("#webhook-form input[name=url]").sendKeys(receiver.url());
            for (WebElement box : browser.all("#webhook-form input[name=events]")) {
                if (!"new_group".equals(box.getAttribute("value"))) {
                    box.click();
                }
            }
            browser.driver().findElement(By.cssSelector("#webhook-form button[type=submit]")).click();
            String hook = browser.await(By.xpath("//table[@id='webhooks-table']//tr[td[contains(., '" + receiver.url() + "')]]"))
                    .getAttribute("data-id");
            try {
                JsonObject created = http.get("/api/webhooks/" + hook, "Authorization", Http.admin()).json();
                assertEquals(List.of("new_group"), created.getJsonArray("events").getValuesAs(jakarta.json.JsonString.class)
                        .stream().map(jakarta.json.JsonString::getString).toList());
                String title = "webhook " + UUID.randomUUID();
                report(title, title);
                receiver.await(Duration.ofSeconds(10), all -> all.stream().anyMatch(r -> r.body().contains(title)));

                browser.open("#/admin/webhooks/" + hook);
                browser.awaitText("#deliveries-table", "delivered");
                browser.screenshot("admin-deliveries");
                browser.await("#deliveries-table button.redeliver").click();
                List<WebhookReceiver.Received> sent = receiver.await(Duration.ofSeconds(10),
                        all -> all.stream().filter(r -> r.body().contains(title)).count() == 2);
                List<String> ids = sent.stream().filter(r -> r.body().contains(title)).map(r -> r.header("webhook-id")).toList();
                assertEquals(ids.get(0), ids.get(1), "a redelivery keeps its webhook-id");
            } finally {
                http.send("DELETE", "/api/webhooks/" + hook, null, "Authorization", Http.admin());
            }
        }
        assertConsoleClean();
    }

    @Test
    void anAdminAddsAndRemovesOperatorsAndAlertRules() {
        String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        browser.open("#/admin/operators");
        browser.await("#operator-form input[name=username]").sendKeys(name);
        browser.driver().findElement(By.cssSelector("#operator-form input[name=password]")).sendKeys("console-made-password-1");
        browser.driver().findElement(By.cssSelector("#operator-form button[type=submit]")).click();
        String row = "#operators-table tr[data-username='" + name + "']";
        assertTrue(browser.await(row).getText().contains("ops-viewer"));
        assertEquals(204, http.postJson("/api/session", "{\"username\":\"" + name + "\",\"password\":\"console-made-password-1\"}").status(),
                "the operator made in the console signs in");
        browser.driver().findElement(By.cssSelector(row + " button.delete")).click();
        browser.driver().findElement(By.cssSelector(row + " button.delete")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector(row)).isEmpty());
        assertEquals(401, http.get("/api/projects", "Authorization", Http.basic(name, "console-made-password-1")).status());

        browser.open("#/admin/alert-rules");
        new org.openqa.selenium.support.ui.Select(browser.await("#alert-rule-form select[name=project]")).selectByValue(slug);
        WebElement threshold = browser.driver().findElement(By.cssSelector("#alert-rule-form input[name=threshold]"));
        threshold.clear();
        threshold.sendKeys("7");
        browser.driver().findElement(By.cssSelector("#alert-rule-form button[type=submit]")).click();
        browser.awaitText("#alert-rules-table", "7 in 300 s");
        JsonObject rule = http.get("/api/alert-rules", "Authorization", Http.admin()).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(r -> r.getString("project").equals(slug) && r.getInt("threshold") == 7)
                .findFirst().orElseThrow();
        assertEquals("error", rule.getString("minLevel"));
        String ruleRow = "#alert-rules-table tr[data-id='" + rule.getString("id") + "']";
        browser.driver().findElement(By.cssSelector(ruleRow + " button.delete")).click();
        browser.driver().findElement(By.cssSelector(ruleRow + " button.delete")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector(ruleRow)).isEmpty());
        assertEquals(404, http.get("/api/alert-rules/" + rule.getString("id"), "Authorization", Http.admin()).status());
        assertConsoleClean();
    }

    @Test
    void signingOutEndsTheSession() {
        try (Browser other = new Browser(server)) {
            other.open("#/groups");
            other.await("#sign-in input[name=username]").sendKeys(Settings.ADMIN);
            other.driver().findElement(By.cssSelector("#sign-in input[name=password]")).sendKeys("not-the-password");
            other.driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
            other.awaitText("#sign-in-error", "Wrong user name or password");
            other.screenshot("sign-in");
            other.driver().findElement(By.cssSelector("#sign-in input[name=password]")).clear();
            other.driver().findElement(By.cssSelector("#sign-in input[name=password]")).sendKeys(Settings.ADMIN_PASSWORD);
            other.driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
            other.await("#sign-out").click();
            other.await("#sign-in-info");
            Object status = other.asyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/api/errors/groups', {credentials: 'same-origin'}).then(r => done(r.status), e => done(String(e)));");
            assertEquals(401L, status);
            other.open("#/notifications");
            assertNotNull(other.await("#sign-in"));
            assertTrue(other.driver().manage().getCookies().stream().noneMatch(c -> c.getName().equals("faultline_session")),
                    "the cookie outlived the sign-out");
        }
    }
}
