package io.faultline.cluster;

import static io.faultline.cluster.KubernetesManifests.at;
import static io.faultline.cluster.KubernetesManifests.container;
import static io.faultline.cluster.KubernetesManifests.list;
import static io.faultline.cluster.KubernetesManifests.map;
import static io.faultline.cluster.KubernetesManifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The deployment kit of docs/kubernetes holds together and matches the server: the probes ask the
 * MicroProfile Health endpoints on the port server.xml listens on, the Service and the disruption
 * budget select the Deployment's pods, and secrets come from Secrets. (HealthIT asks each probe's
 * path of a running server.)
 */
class KubernetesManifestsTest {

    private static final Map<String, String> PROBES = Map.of("startupProbe", "/health/started",
            "livenessProbe", "/health/live", "readinessProbe", "/health/ready");

    @Test
    void everyManifestParsesAndSaysWhatItIs() {
        Set<String> kinds = KubernetesManifests.all().stream()
                .peek(d -> assertTrue(d.containsKey("apiVersion") && at(d, "metadata").containsKey("name"), d::toString))
                .map(d -> (String) d.get("kind")).collect(Collectors.toSet());
        assertEquals(Set.of("Deployment", "Service", "PodDisruptionBudget"), kinds);
    }

    @Test
    void probesAskTheServersHealthEndpointsOnItsPort() throws IOException {
        int port = serverHttpPort();
        Map<String, Object> container = container();
        Map<String, Object> http = list(container.get("ports")).stream().map(KubernetesManifests::map)
                .filter(p -> "http".equals(p.get("name"))).findFirst().orElseThrow();
        assertEquals(port, http.get("containerPort"));
        PROBES.forEach((probe, path) -> {
            Map<String, Object> get = at(container, probe, "httpGet");
            assertEquals(path, get.get("path"), probe);
            assertEquals(port, get.get("port"), probe);
        });
        // Readiness answers within the server's own check budget (1 s by default), well inside the probe's.
        assertTrue((Integer) at(container, "readinessProbe").get("timeoutSeconds") > 1);
    }

    @Test
    void threeReplicasDrainBeforeTheyStopWithinTheirResources() {
        Map<String, Object> deployment = ofKind("Deployment");
        assertEquals(3, at(deployment, "spec").get("replicas"));
        Map<String, Object> container = container();
        assertTrue(at(container, "resources", "requests").containsKey("memory"));
        assertTrue(at(container, "resources", "limits").containsKey("memory"));
        List<Object> pause = list(at(container, "lifecycle", "preStop", "exec").get("command"));
        int seconds = Integer.parseInt((String) pause.get(pause.size() - 1));
        int grace = (Integer) at(deployment, "spec", "template", "spec").get("terminationGracePeriodSeconds");
        assertTrue(seconds > 0 && grace > seconds + 20, "the pause and the server's stop must fit the grace period");
        Map<String, Object> pdb = ofKind("PodDisruptionBudget");
        assertTrue((Integer) at(pdb, "spec").get("minAvailable") < (Integer) at(deployment, "spec").get("replicas"));
    }

    @Test
    void theServiceAndTheBudgetSelectTheDeploymentsPods() {
        Map<String, Object> labels = at(ofKind("Deployment"), "spec", "template", "metadata", "labels");
        assertEquals(at(ofKind("Deployment"), "spec", "selector", "matchLabels"), labels);
        assertTrue(labels.entrySet().containsAll(at(ofKind("Service"), "spec", "selector").entrySet()));
        assertTrue(labels.entrySet().containsAll(at(ofKind("PodDisruptionBudget"), "spec", "selector", "matchLabels").entrySet()));
        Object target = map(list(at(ofKind("Service"), "spec").get("ports")).get(0)).get("targetPort");
        assertTrue(list(container().get("ports")).stream().map(KubernetesManifests::map).anyMatch(p -> target.equals(p.get("name"))),
                "the Service targets a port the container names");
    }

    @Test
    void theDatabaseSettingsComeFromASecretAndNoPasswordIsWritten() throws IOException {
        Map<String, Map<String, Object>> env = list(container().get("env")).stream().map(KubernetesManifests::map)
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
        assertEquals("datasource-postgresql.xml", env.get("FAULTLINE_DATASOURCE").get("value"));
        for (String name : List.of("FAULTLINE_DB_HOST", "FAULTLINE_DB_PORT", "FAULTLINE_DB_NAME", "FAULTLINE_DB_USER",
                "FAULTLINE_DB_PASSWORD")) {
            assertEquals("faultline-database", at(env.get(name), "valueFrom", "secretKeyRef").get("name"), name);
        }
        assertEquals("metadata.name", at(env.get("FAULTLINE_INSTANCE_ID"), "valueFrom", "fieldRef").get("fieldPath"));
        for (Path file : Files.list(KubernetesManifests.DIRECTORY).toList()) {
            assertFalse(Files.readString(file).toLowerCase().contains("password:"), file + " writes a password down");
        }
    }

    /** The port server.xml's http.port variable defaults to. */
    private static int serverHttpPort() throws IOException {
        Matcher port = Pattern.compile("<variable name=\"http.port\" defaultValue=\"(\\d+)\"/>")
                .matcher(Files.readString(Path.of("server.xml")));
        assertTrue(port.find(), "server.xml declares http.port");
        return Integer.parseInt(port.group(1));
    }
}
