package io.faultline.it.support;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every black-box test shares: the server Arquillian deployed the test's archive to, reached
 * over real HTTP from outside it, and a client with the admin's credentials at hand. A test class
 * declares its own {@code @Deployment(testable = false)} and puts what it prepares once in
 * {@link #prepare()}.
 */
@ExtendWith({Selected.class, ArquillianExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BlackBox {

    @ArquillianResource
    private URL deployed;

    protected Server server;
    protected Http http;

    @BeforeEach
    final void connect() throws Exception {
        if (server == null) {
            server = Server.at(deployed);
            http = new Http(server);
            http.awaitReady();
            prepare();
        }
    }

    /** Runs once, before the class's first test, with the server deployed. */
    protected void prepare() throws Exception {
    }
}
