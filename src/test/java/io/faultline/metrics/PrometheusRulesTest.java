package io.faultline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus rules, checked as Prometheus checks them: {@code promtool check rules}
 * and {@code promtool test rules} with the unit tests beside them, plus what promtool does not
 * know: every alert is unit-tested and has a summary, a description and a runbook that exists.
 */
class PrometheusRulesTest {

    static final Path RULES = Path.of("docs/prometheus/faultline-rules.yml");
    static final Path RULE_TESTS = Path.of("docs/prometheus/faultline-rules.test.yml");
    static final Path RUNBOOKS = Path.of("docs/runbooks.md");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Pattern ALERT = Pattern.compile("(?m)^\\s+- alert: (\\w+)$");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        assertPromtool("check", "rules", RULES.toString());
    }

    @Test
    void everyAlertFiresAndStaysQuietAsItsUnitTestsSay() throws Exception {
        assertPromtool("test", "rules", RULE_TESTS.toString());
        String tests = Files.readString(RULE_TESTS);
        for (String alert : alerts()) {
            assertTrue(tests.contains("alertname: " + alert), alert + " has no unit test");
        }
    }

    @Test
    void everyAlertSaysWhatItMeansAndLinksARunbookThatExists() throws IOException {
        String rules = Files.readString(RULES);
        String runbooks = Files.readString(RUNBOOKS);
        List<String> alerts = alerts();
        assertFalse(alerts.isEmpty());
        for (String alert : alerts) {
            int start = rules.indexOf("- alert: " + alert);
            int end = rules.indexOf("- alert: ", start + 1);
            String rule = rules.substring(start, end < 0 ? rules.length() : end);
            for (String annotation : List.of("summary:", "description:", "severity:")) {
                assertTrue(rule.contains(annotation), alert + " has no " + annotation);
            }
            assertTrue(rule.contains("runbook_url: \"docs/runbooks.md#" + alert.toLowerCase(Locale.ROOT) + "\""),
                    alert + " does not link its runbook");
            assertTrue(runbooks.contains("\n## " + alert + "\n"), "docs/runbooks.md has no section " + alert);
        }
    }

    static List<String> alerts() throws IOException {
        List<String> alerts = new ArrayList<>();
        Matcher alert = ALERT.matcher(Files.readString(RULES));
        while (alert.find()) {
            alerts.add(alert.group(1));
        }
        return alerts;
    }

    private static void assertPromtool(String... arguments) throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Files.isExecutable(PROMTOOL), "Debian's prometheus package is not installed");
        }
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Process promtool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, promtool.exitValue(), () -> String.join(" ", command) + ":\n" + output);
    }
}
