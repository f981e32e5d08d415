package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.ha.FailureCondition;
import io.github.mssqlk8s.ha.HealthStatus;
import io.github.mssqlk8s.ha.HealthVerdict;
import org.junit.jupiter.api.Test;

/** The health agent's liveness answer read as a verdict; anything unreadable is UNKNOWN, never a trigger. */
class HttpHealthVerdictSourceTest {

    @Test
    void readsTheVerdictConditionAndReason() {
        HealthVerdict verdict = HttpHealthVerdictSource.parse("""
                {"status":"DOWN","checks":[{"name":"sql-server","status":"DOWN","data":{"verdict":"failed",
                 "condition":"system_error","reason":"failed at level 3: component system in error"}}]}""");

        assertThat(verdict).isEqualTo(HealthVerdict.failed(FailureCondition.SYSTEM_ERROR,
                "failed at level 3: component system in error"));
    }

    @Test
    void aHealthyAnswerWithoutConditionIsHealthy() {
        assertThat(HttpHealthVerdictSource.parse("""
                {"status":"UP","checks":[{"name":"sql-server","status":"UP","data":{"verdict":"healthy","reason":"ok"}}]}""")
                .status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void aFailedVerdictWithAnUnknownConditionStillFails() {
        assertThat(HttpHealthVerdictSource.parse("""
                {"checks":[{"data":{"verdict":"failed","condition":"something_new","reason":"?"}}]}""").condition())
                .isEqualTo(FailureCondition.DOWN);
    }

    @Test
    void unreadableAnswersAreUnknown() {
        assertThat(HttpHealthVerdictSource.parse("not json").status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(HttpHealthVerdictSource.parse("{\"checks\":[]}").status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(HttpHealthVerdictSource.parse("{\"checks\":[{\"data\":{\"verdict\":\"sideways\"}}]}").status())
                .isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void aHealthAgentThatDoesNotAnswerIsUnknown() {
        HealthVerdict verdict = new HttpHealthVerdictSource(java.net.URI.create("http://127.0.0.1:1/q/health/live"),
                java.time.Duration.ofMillis(500)).verdict();
        assertThat(verdict.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(verdict.reason()).startsWith("the health agent did not answer");
    }
}
