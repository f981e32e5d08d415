package io.github.mssqlk8s.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnLinesHoldingOnlyGoInAnyCase() {
        SqlScript script = SqlScript.parse("CREATE DATABASE a\nGO\nUSE a\r\nSELECT 1\n  go  \n\nGo\nSELECT 'GO'\ngo");

        assertThat(script.batches()).containsExactly("CREATE DATABASE a", "USE a\nSELECT 1", "SELECT 'GO'");
    }

    @Test
    void goInsideALineOrAsPartOfAWordIsNotASeparator() {
        SqlScript script = SqlScript.parse("SELECT 1 GO\nGOTO done\nGO;\nSELECT 2");

        assertThat(script.batches()).containsExactly("SELECT 1 GO\nGOTO done\nGO;\nSELECT 2");
    }

    @Test
    void anEmptyOrMissingScriptHasNoBatches() {
        assertThat(SqlScript.parse(null).batches()).isEmpty();
        assertThat(SqlScript.parse("\nGO\n  \nGO").batches()).isEmpty();
    }
}
