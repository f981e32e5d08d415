package io.github.mssqlk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The failover Job's options: the preview's variables are their defaults; flags override them. */
class FailoverCommandTest {

    private static FailoverCommand parse(String... args) {
        FailoverCommand command = new FailoverCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void flagsNameTheAgTheTargetAndForce() {
        FailoverCommand command = parse("--ag", "ag1", "--new-primary", "!mssql1", "--force-failover-allow-data-loss");

        assertThat(command.availabilityGroup).isEqualTo("ag1");
        assertThat(command.newPrimary).isEqualTo("!mssql1");
        assertThat(command.allowDataLoss).isTrue();
    }

    @Test
    void withoutFlagsOrVariablesNothingIsForced() {
        // The build never sets the preview's variables, so the defaults show through.
        assertThat(System.getenv("FORCE_FAILOVER_ALLOW_DATA_LOSS")).isNull();
        FailoverCommand command = parse();

        assertThat(command.allowDataLoss).isFalse();
        assertThat(command.newPrimary).isNull();
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "yes, true", "1, true", "on, true", "false, false", "no, false",
            "0, false", "off, false", "'', false"})
    void forceAcceptsTheWaysPeopleWriteABoolean(String text, boolean expected) {
        assertThat(new YesNo().convert(text)).isEqualTo(expected);
        assertThat(parse("--force-failover-allow-data-loss=" + text).allowDataLoss).isEqualTo(expected);
    }

    @Test
    void anythingElseIsAUsageError() {
        assertThatThrownBy(() -> parse("--force-failover-allow-data-loss=maybe"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'maybe' is not a yes/no value");
    }
}
