package bench.bare;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The baseline for the pipeline benchmark: the same route as Faultline's, with nothing around it. */
@ApplicationPath("/")
public class BareApplication extends Application {
}
