package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.PostgresCluster;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What another instance on the same PostgreSQL changes is what this one sees at once: a change
 * made in the database behind the server's back (as another instance writes it) is never hidden
 * by this server's own cache of operators, webhooks or alert rules. PostgreSQL phases only (the
 * embedded H2 is one instance's alone).
 */
class OtherInstanceChangesIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    @Override
    protected void prepare() {
        Assumptions.assumeTrue(Server.onPostgresql(), "one instance's embedded database has no other writer");
    }

    /** Runs SQL on the server's database with Debian's psql, as another instance's write would land. */
    private static void otherInstance(String sql) throws IOException, InterruptedException {
        ProcessBuilder psql = new ProcessBuilder(PostgresCluster.binaries().resolve("psql").toString(), "-h", "127.0.0.1",
                "-p", System.getenv("FAULTLINE_DB_PORT"), "-U", PostgresCluster.USER, "-d", PostgresCluster.DATABASE,
                "-v", "ON_ERROR_STOP=1", "-c", sql).redirectErrorStream(true);
        psql.environment().put("PGPASSWORD", PostgresCluster.PASSWORD);
        Process process = psql.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    @Test
    void anOperatorDeletedOrRepasswordedElsewhereIsRefusedHereAtOnce() throws Exception {
        String name = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        for (String who : List.of(name, name + "-2")) {
            Reply created = http.postJson("/api/users", "{\"username\":\"" + who + "\",\"password\":\"first-password-123\","
                    + "\"role\":\"ops-viewer\"}", "Authorization", Http.admin());
            assertEquals(201, created.status(), created::toString);
            assertEquals(200, http.get("/api/projects", "Authorization", Http.basic(who, "first-password-123")).status());
        }

        otherInstance("DELETE FROM OPERATOR WHERE USERNAME = '" + name + "'");
        assertEquals(401, http.get("/api/projects", "Authorization", Http.basic(name, "first-password-123")).status(),
                "an operator deleted by another instance still signs in here");

        // Another instance's new password: this one's hash, copied from the admin's row.
        otherInstance("UPDATE OPERATOR SET PASSWORD_HASH = (SELECT PASSWORD_HASH FROM OPERATOR WHERE USERNAME = '"
                + io.faultline.it.support.Settings.ADMIN + "'), VERSION = VERSION + 1 WHERE USERNAME = '" + name + "-2'");
        assertEquals(401, http.get("/api/projects", "Authorization", Http.basic(name + "-2", "first-password-123")).status(),
                "the old password still works here after another instance changed it");
        assertEquals(200, http.get("/api/projects", "Authorization",
                Http.basic(name + "-2", io.faultline.it.support.Settings.ADMIN_PASSWORD)).status());
    }

    @Test
    void aWebhookDeletedElsewhereIsGoneHere() throws Exception {
        Reply hook = http.postJson("/api/webhooks", "{\"url\":\"http://127.0.0.1:9/never\",\"secret\":\"" + WebhooksIT.newSecret()
                + "\",\"events\":[\"new_group\"]}", "Authorization", Http.admin());
        assertEquals(201, hook.status(), hook::toString);
        String id = hook.json().getString("id");
        assertEquals(200, http.get("/api/webhooks/" + id, "Authorization", Http.admin()).status());
        otherInstance("DELETE FROM WEBHOOK WHERE ID = " + Long.parseLong(id));
        assertEquals(404, http.get("/api/webhooks/" + id, "Authorization", Http.admin()).status(),
                "a webhook deleted by another instance is still here");
    }
}
