package io.faultline.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

class MatchedRouteFilterTest {

    @Path("/api/errors/")
    static class Groups {
        @GET
        @Path("groups/{id: [0-9]+}/")
        public void group() {
        }

        @GET
        public void list() {
        }
    }

    @Path("/")
    static class Root {
        @GET
        public void root() {
        }
    }

    @Test
    void templatesJoinClassAndMethodPathsWithoutRegexes() throws Exception {
        assertEquals("/api/errors/groups/{id}", MatchedRouteFilter.template(Groups.class, Groups.class.getMethod("group")));
        assertEquals("/api/errors", MatchedRouteFilter.template(Groups.class, Groups.class.getMethod("list")));
        assertEquals("/", MatchedRouteFilter.template(Root.class, Root.class.getMethod("root")));
    }
}
