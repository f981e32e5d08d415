package io.github.mssqlk8s.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SimSession;
import io.github.mssqlk8s.sim.SimSqlException;
import java.util.List;
import java.util.Map;

/** Test helper: a session with one-line calls that fail the test on unexpected SQL errors. */
final class SqlClient {

    final SimSession session;

    SqlClient(SimSession session) {
        this.session = session;
    }

    static SqlClient connect(SimulatedInstance instance, String login, String password) {
        try {
            return new SqlClient(instance.login(login, password, "master", "test"));
        } catch (SimSqlException e) {
            throw new AssertionError("login failed: " + e.getMessage(), e);
        }
    }

    CollectingSink run(String sql, SimParam... params) {
        CollectingSink sink = new CollectingSink();
        session.execute(new SimBatch(null, sql, List.of(params)), sink);
        return sink;
    }

    /** Runs statements that must succeed. */
    CollectingSink exec(String sql, SimParam... params) {
        CollectingSink sink = run(sql, params);
        assertThat(sink.errors).as("errors of: %s", sql).extracting(Throwable::getMessage).isEmpty();
        return sink;
    }

    /** The rows of the last result set of a batch that must succeed. */
    List<Map<String, Object>> query(String sql, SimParam... params) {
        CollectingSink sink = exec(sql, params);
        assertThat(sink.resultSets).as("result sets of: %s", sql).isNotEmpty();
        return sink.resultSets.get(sink.resultSets.size() - 1).maps();
    }

    Object scalar(String sql, SimParam... params) {
        List<Map<String, Object>> rows = query(sql, params);
        assertThat(rows).as("rows of: %s", sql).hasSize(1);
        return rows.get(0).values().iterator().next();
    }

    /** The error a batch must fail with. */
    SimSqlException error(String sql, SimParam... params) {
        CollectingSink sink = run(sql, params);
        assertThat(sink.errors).as("errors of: %s", sql).isNotEmpty();
        return sink.errors.get(0);
    }

    void externalCluster() {
        exec("EXEC sp_set_session_context @key = N'external_cluster', @value = N'yes'");
    }
}
