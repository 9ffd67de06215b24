package io.faultline.it.support;

import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the integration tests of a group only when it is selected (-Dit.servers) and, for a
 * postgresql group, when PostgreSQL is installed; decided before Arquillian starts anything.
 */
public final class Selected implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // Evaluated inside the server too, for in-container tests: it needs no more than this.
        String group = System.getProperty("arquillian.launch", "liberty");
        if (!List.of(System.getProperty("faultline.it.servers", group).split(",")).contains(group)) {
            return ConditionEvaluationResult.disabled("integration tests on " + group + " are not selected");
        }
        if (group.endsWith("-postgresql") && PostgresCluster.binaries() == null) {
            return ConditionEvaluationResult.disabled("PostgreSQL is not installed: apt-get install postgresql");
        }
        if (group.equals(Cluster.GROUP) && !Cluster.canRun()) {
            return ConditionEvaluationResult.disabled("the cluster needs PostgreSQL and haproxy: apt-get install postgresql haproxy");
        }
        return ConditionEvaluationResult.enabled(group);
    }
}
