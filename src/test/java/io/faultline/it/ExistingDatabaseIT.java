package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.it.support.Http;
import io.faultline.it.support.OwnServerTest;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** A server started on a PostgreSQL database an earlier server created: it uses the schema there as it is. */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = ".*-postgresql")
class ExistingDatabaseIT extends OwnServerTest {

    @Test
    void aSecondServerStartsOnTheExistingSchemaAndSeesItsData() {
        Http first = new Http(own.start(Map.of()));
        String slug = Projects.slugOf(first, Projects.newProjectKey(first, "existing"));
        own.stop();
        Reply project = new Http(own.restart()).get("/api/projects/" + slug, "Authorization", Http.admin());
        assertEquals(200, project.status(), project::toString);
    }
}
