package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.it.support.FeedClient;
import io.faultline.it.support.Http;
import io.faultline.it.support.OwnServerTest;
import io.faultline.it.support.Server;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that stops closes its live-feed clients: with 1001 (going away) where the server lets
 * the application close them (Payara); Liberty's transport drops them (1006) before it tells the
 * application to stop. Either way no client is left hanging.
 */
class FeedShutdownIT extends OwnServerTest {

    @Test
    void shutdownClosesClientsWith1001() {
        Server server = own.start(Map.of());
        FeedClient client = null;
        try {
            client = FeedClient.connect(server, Http.admin(), null, null);
            client.awaitType("welcome");
            own.stop();
            assertEquals(server.isLiberty() ? 1006 : 1001, client.closeCode(30));
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }
}
