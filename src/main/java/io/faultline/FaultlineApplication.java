package io.faultline;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Faultline's REST API at the context root; every resource and provider is discovered. */
@ApplicationPath("/")
public class FaultlineApplication extends Application {
}
