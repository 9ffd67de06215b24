package io.faultline.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers a trivial query within the check's budget. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    static final String NAME = "database";

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    TimedChecks checks;

    @Inject
    HealthConfig config;

    @Override
    public HealthCheckResponse call() {
        return checks.response(NAME, this::query);
    }

    /** Whether the database answers now, for the load-balancer alias. */
    public boolean isUp() {
        return checks.run(this::query).up();
    }

    private Map<String, Object> query() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String product = connection.getMetaData().getDatabaseProductName();
            statement.setQueryTimeout((int) Math.max(1, config.checkTimeoutMs() / 1000));
            String trivial = product.toLowerCase(Locale.ROOT).contains("derby") ? "VALUES 1" : "SELECT 1";
            try (ResultSet result = statement.executeQuery(trivial)) {
                if (!result.next()) {
                    throw new CheckFailed("the database returned no row");
                }
            }
            return Map.of("database", product);
        }
    }
}
