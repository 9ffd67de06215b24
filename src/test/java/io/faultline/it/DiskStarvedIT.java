package io.faultline.it;

import static io.faultline.it.HealthIT.assertChecks;
import static io.faultline.it.HealthIT.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Http;
import io.faultline.it.support.OwnServerTest;
import io.faultline.it.support.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A server of its own that starts with less free disk than it is configured to need. */
class DiskStarvedIT extends OwnServerTest {

    /** Free disk below a threshold set through configuration: readiness DOWN, liveness still UP. */
    @Test
    void diskBelowTheThresholdMakesReadinessDown() {
        Http client = new Http(own.start(Map.of("faultline.health.min-free-disk-mb",
                Long.toString(Long.MAX_VALUE / (1024 * 1024)))));
        Reply ready = client.get("/health/ready");
        JsonObject body = assertChecks(ready, 503, "DOWN", Set.of("database", "disk", "application"));
        JsonObject disk = check(body, "disk");
        assertEquals("DOWN", disk.getString("status"));
        assertTrue(disk.getJsonObject("data").getString("reason").contains("below the minimum"), ready::toString);
        assertEquals("UP", check(body, "database").getString("status"));
        assertChecks(client.get("/health/live"), 200, "UP", Set.of("threads"));

        Reply readyz = client.get("/readyz");
        assertEquals(503, readyz.status(), readyz::toString);
        assertEquals("not_ready", readyz.json().getString("status"));
        assertEquals(JsonValue.FALSE, readyz.json().getJsonObject("checks").get("disk"));
        assertEquals(JsonValue.TRUE, readyz.json().getJsonObject("checks").get("database"));
    }
}
