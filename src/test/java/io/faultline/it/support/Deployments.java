package io.faultline.it.support;

import io.faultline.it.fixtures.FixturesResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archives the tests deploy: the WAR the build produced, as an operator would deploy it. */
public final class Deployments {

    private static final String LIBERTY_CONTEXT_ROOT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-ext xmlns="http://websphere.ibm.com/xml/ns/javaee" version="1.0">
                <context-root uri="/"/>
            </web-ext>
            """;
    private static final String PAYARA_CONTEXT_ROOT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE glassfish-web-app PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Servlet 3.0//EN"
                    "http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd">
            <glassfish-web-app>
                <context-root>/</context-root>
            </glassfish-web-app>
            """;

    private Deployments() {
    }

    /**
     * target/faultline.war, at the root context as server.xml and docs/payara deploy it (the
     * two descriptors say so to each server; each ignores the other's).
     */
    public static WebArchive faultline() {
        return faultline("faultline-it.war");
    }

    /** {@link #withFixtures()} under another name, for a server started again ({@code OwnServer.AGAIN}). */
    public static WebArchive again() {
        return fixtures(faultline("faultline-again.war"));
    }

    private static WebArchive faultline(String name) {
        return ShrinkWrap.create(ZipImporter.class, name)
                .importFrom(Server.target().resolve("faultline.war").toFile())
                .as(WebArchive.class)
                .addAsWebInfResource(new StringAsset(LIBERTY_CONTEXT_ROOT), "ibm-web-ext.xml")
                .addAsWebInfResource(new StringAsset(PAYARA_CONTEXT_ROOT), "glassfish-web.xml");
    }

    /**
     * The WAR for a test that runs inside the server with the application's beans injected.
     * Arquillian adds the test class and its protocol.
     */
    public static WebArchive inContainer() {
        return faultline()
                // The condition that selects the servers the tests run on, evaluated there too
                .addClasses(Selected.class, PostgresCluster.class);
    }

    /** The WAR plus the resources in io.faultline.it.fixtures that raise the failures a test needs. */
    public static WebArchive withFixtures() {
        return fixtures(faultline());
    }

    private static WebArchive fixtures(WebArchive war) {
        return war
                // Resources, an entity and a guarded bean that fail on request
                .addPackage(FixturesResource.class.getPackage());
    }
}
