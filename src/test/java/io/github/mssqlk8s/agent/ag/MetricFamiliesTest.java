package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mssqlk8s.ha.ReplicaRole;
import io.github.mssqlk8s.testing.PrometheusScrape;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricFamiliesTest {

    static Stream<Arguments> expositions() {
        return Stream.of(
                row("nothing to merge", List.of(), ""),
                row("one exposition stays as it is",
                        List.of("""
                                # HELP up whether it runs
                                # TYPE up gauge
                                up 1.0
                                """),
                        """
                        # HELP up whether it runs
                        # TYPE up gauge
                        up 1.0
                        """),
                row("a family of two children is declared once, with both children's samples",
                        List.of("""
                                # HELP mssql_ag_lease_held 1 while this agent holds the AG's Lease
                                # TYPE mssql_ag_lease_held gauge
                                mssql_ag_lease_held{ag="ag1"} 1.0
                                """, """
                                # HELP mssql_ag_lease_held 1 while this agent holds the AG's Lease
                                # TYPE mssql_ag_lease_held gauge
                                mssql_ag_lease_held{ag="ag2"} 0.0
                                """),
                        """
                        # HELP mssql_ag_lease_held 1 while this agent holds the AG's Lease
                        # TYPE mssql_ag_lease_held gauge
                        mssql_ag_lease_held{ag="ag1"} 1.0
                        mssql_ag_lease_held{ag="ag2"} 0.0
                        """),
                row("families keep the order they were first seen in; one only a child has is added",
                        List.of("""
                                # TYPE b gauge
                                b 1.0
                                # TYPE a gauge
                                a 1.0
                                """, """
                                # TYPE c_total counter
                                c_total{ag="ag1"} 3.0
                                # TYPE a gauge
                                a{ag="ag1"} 2.0
                                """),
                        """
                        # TYPE b gauge
                        b 1.0
                        # TYPE a gauge
                        a 1.0
                        a{ag="ag1"} 2.0
                        # TYPE c_total counter
                        c_total{ag="ag1"} 3.0
                        """),
                row("a histogram's buckets, sum and count stay in its family",
                        List.of("""
                                # TYPE t_seconds histogram
                                t_seconds_bucket{ag="ag1",le="1.0"} 2.0
                                t_seconds_bucket{ag="ag1",le="+Inf"} 3.0
                                t_seconds_count{ag="ag1"} 3.0
                                t_seconds_sum{ag="ag1"} 1.5
                                # TYPE t_seconds_max gauge
                                t_seconds_max{ag="ag1"} 0.9
                                """, """
                                # TYPE t_seconds histogram
                                t_seconds_bucket{ag="ag2",le="+Inf"} 1.0
                                t_seconds_count{ag="ag2"} 1.0
                                t_seconds_sum{ag="ag2"} 0.2
                                """),
                        """
                        # TYPE t_seconds histogram
                        t_seconds_bucket{ag="ag1",le="1.0"} 2.0
                        t_seconds_bucket{ag="ag1",le="+Inf"} 3.0
                        t_seconds_count{ag="ag1"} 3.0
                        t_seconds_sum{ag="ag1"} 1.5
                        t_seconds_bucket{ag="ag2",le="+Inf"} 1.0
                        t_seconds_count{ag="ag2"} 1.0
                        t_seconds_sum{ag="ag2"} 0.2
                        # TYPE t_seconds_max gauge
                        t_seconds_max{ag="ag1"} 0.9
                        """),
                row("a later exposition typing a family otherwise has those samples dropped, not the rest",
                        List.of("""
                                # TYPE x gauge
                                x{ag="ag1"} 1.0
                                """, """
                                # TYPE x counter
                                x{ag="ag2"} 5.0
                                # TYPE y gauge
                                y{ag="ag2"} 1.0
                                """),
                        """
                        # TYPE x gauge
                        x{ag="ag1"} 1.0
                        # TYPE y gauge
                        y{ag="ag2"} 1.0
                        """),
                row("a series already taken is dropped: Prometheus rejects a duplicate",
                        List.of("""
                                # TYPE jvm_threads_live_threads gauge
                                jvm_threads_live_threads 20.0
                                """, """
                                # TYPE jvm_threads_live_threads gauge
                                jvm_threads_live_threads 14.0
                                jvm_threads_live_threads{ag="ag1"} 14.0
                                """),
                        """
                        # TYPE jvm_threads_live_threads gauge
                        jvm_threads_live_threads 20.0
                        jvm_threads_live_threads{ag="ag1"} 14.0
                        """),
                row("label values holding braces, spaces and escaped quotes are one series each",
                        List.of("""
                                # TYPE e gauge
                                e{reason="a } b",ag="ag1"} 1.0
                                e{reason="say \\"}\\" twice",ag="ag1"} 1.0
                                """, """
                                # TYPE e gauge
                                e{reason="a } b",ag="ag1"} 2.0
                                e{reason="a } b",ag="ag2"} 2.0
                                """),
                        """
                        # TYPE e gauge
                        e{reason="a } b",ag="ag1"} 1.0
                        e{reason="say \\"}\\" twice",ag="ag1"} 1.0
                        e{reason="a } b",ag="ag2"} 2.0
                        """),
                row("samples without a TYPE are a family of their own name",
                        List.of("""
                                # TYPE a gauge
                                a 1.0
                                untyped_one{ag="ag1"} 4.0
                                """, "untyped_one{ag=\"ag2\"} 5.0\n"),
                        """
                        # TYPE a gauge
                        a 1.0
                        untyped_one{ag="ag1"} 4.0
                        untyped_one{ag="ag2"} 5.0
                        """),
                row("other comments, blank lines and carriage returns are dropped",
                        List.of("# a comment\r\n# TYPE a gauge\r\n\r\na 1.0\r\n# EOF\r\n"),
                        """
                        # TYPE a gauge
                        a 1.0
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expositions")
    void declaresEachFamilyOnceWithTheSamplesOfAll(String description, List<String> expositions, String merged) {
        assertThat(MetricFamilies.merge(expositions)).isEqualTo(merged);
    }

    /** Micrometer's own output: the supervisor's and two children's JVM meters share families, told apart by ag. */
    @Test
    void theScrapesOfTheSupervisorAndTwoChildrenMakeOneScrapePrometheusAccepts() {
        List<String> scrapes = List.of(ChildExposition.supervisor("ag3"), ChildExposition.of("ag1", ReplicaRole.PRIMARY),
                ChildExposition.of("ag2", ReplicaRole.SECONDARY));
        assertThatThrownBy(() -> PrometheusScrape.parse(String.join("", scrapes))).hasMessageContaining("appears twice");

        PrometheusScrape merged = PrometheusScrape.parse(MetricFamilies.merge(scrapes));

        assertThat(merged.seriesWith("mssql_ag_role{", "ag=\"ag1\"", "role=\"primary\"")).containsValue(1.0).hasSize(1);
        assertThat(merged.seriesWith("mssql_ag_role{", "ag=\"ag2\"", "role=\"secondary\"")).containsValue(1.0).hasSize(1);
        assertThat(merged.seriesWith("mssql_ag_lease_held{", "ag=\"ag1\"")).containsValue(1.0).hasSize(1);
        assertThat(merged.seriesWith("mssql_ag_supervisor_child_scrape_failures_total{", "ag=\"ag3\"")).containsValue(1.0);
        assertThat(merged.seriesWith("jvm_threads_live_threads")).hasSize(3)
                .containsKey("jvm_threads_live_threads").hasEntrySatisfying("jvm_threads_live_threads{ag=\"ag1\",}",
                        threads -> assertThat(threads).isPositive());
    }

    private static Arguments row(String description, List<String> expositions, String merged) {
        return Arguments.of(description, expositions, merged);
    }
}
