package io.github.mssqlk8s.agent.ag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChildPlanTest {

    static Stream<Arguments> changes() {
        return Stream.of(
                // listed, running, stopping -> start, stop, waiting
                row("first list", "ag1 ag2", "", "", "ag1 ag2", "", ""),
                row("nothing changed", "ag1 ag2", "ag1 ag2", "", "", "", ""),
                row("one added", "ag1 ag2 ag3", "ag1 ag2", "", "ag3", "", ""),
                row("one removed", "ag1", "ag1 ag2", "", "", "ag2", ""),
                row("all removed", "", "ag2 ag1", "", "", "ag1 ag2", ""),
                row("one swapped for another", "ag1 ag3", "ag1 ag2", "", "ag3", "ag2", ""),
                row("listed again while stopping", "ag1 ag2", "ag1", "ag2", "", "", "ag2"),
                row("still stopping, not listed", "ag1", "ag1", "ag2", "", "", ""),
                row("a duplicate in the list", "ag1 ag1 ag2", "", "", "ag1 ag2", "", ""),
                row("list order is start order", "agc aga agb", "", "", "agc aga agb", "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void startsAndStopsExactlyTheDifference(String change, List<String> listed, Set<String> running,
            Set<String> stopping, List<String> toStart, List<String> toStop, List<String> waiting) {
        ChildPlan plan = ChildPlan.of(listed, running, stopping);

        assertThat(plan.toStart()).as("start").containsExactlyElementsOf(toStart);
        assertThat(plan.toStop()).as("stop").containsExactlyElementsOf(toStop);
        assertThat(plan.waiting()).as("waiting").containsExactlyElementsOf(waiting);
    }

    private static Arguments row(String change, String listed, String running, String stopping, String toStart,
            String toStop, String waiting) {
        return Arguments.of(change, names(listed), new LinkedHashSet<>(names(running)),
                new LinkedHashSet<>(names(stopping)), names(toStart), names(toStop), names(waiting));
    }

    private static List<String> names(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.asList(spaced.split(" "));
    }
}
