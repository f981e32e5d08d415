package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.ha.Decision;
import org.junit.jupiter.api.Test;

/** Decisions are logged when they change, not every tick: a wait counting down is the same decision. */
class DecisionLogTest {

    @Test
    void figuresAsideTheSameDecisionIsNotNews() {
        DecisionLog log = new DecisionLog();

        assertThat(log.isNews(new Decision.Wait("waiting 1.5s more before promoting: runs out by 2026-01-01T00:00:02Z"))).isTrue();
        assertThat(log.isNews(new Decision.Wait("waiting 1.2s more before promoting: runs out by 2026-01-01T00:00:02Z"))).isFalse();
        assertThat(log.isNews(new Decision.NoAction("waiting 1.2s more before promoting: runs out by 2026-01-01T00:00:02Z")))
                .as("another kind").isTrue();
        assertThat(log.isNews(new Decision.NoAction("secondary of mssql1"))).as("another reason").isTrue();
        assertThat(log.isNews(new Decision.NoAction("secondary of mssql1"))).isFalse();
        assertThat(log.isNews(new Decision.NoAction("secondary of mssql2"))).as("names are no figures").isTrue();
    }
}
