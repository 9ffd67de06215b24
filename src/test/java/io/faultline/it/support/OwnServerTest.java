package io.faultline.it.support;

import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a test that needs a server of its own shares: the group's manual container, driven by
 * Arquillian's ContainerController and Deployer, and the WAR it deploys there (unmanaged: the
 * test starts the server with its settings, in {@link #prepare()} or in a test). ServerSetup
 * stops it after the class.
 */
@ExtendWith({Selected.class, ArquillianExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OwnServerTest {

    /** The WAR with the failure fixtures, for the server of the test's own. */
    @Deployment(name = OwnServer.DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(OwnServer.CONTAINER)
    static WebArchive own() {
        return Deployments.withFixtures();
    }

    /** The same, for Payara Micro's adapter to start that server again ({@link OwnServer#restart()}). */
    @Deployment(name = OwnServer.AGAIN, managed = false, testable = false)
    @TargetsContainer(OwnServer.CONTAINER)
    static WebArchive again() {
        return Deployments.again();
    }

    @ArquillianResource
    private ContainerController controller;
    @ArquillianResource
    private Deployer deployer;

    protected OwnServer own;

    @BeforeEach
    final void connect() throws Exception {
        if (own == null) {
            own = new OwnServer(controller, deployer);
            prepare();
        }
    }

    /** Runs once, before the class's first test. */
    protected void prepare() throws Exception {
    }
}
