package io.github.mssqlk8s.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlServerVersionTest {

    @ParameterizedTest(name = "{0} older than {1}: {2}")
    @CsvSource({
            "16.0.4135.4, 16.0.4140.3, true",
            "16.0.4135.4, 16.0.4135.4, false",
            "16.0.4140.3, 16.0.4135.4, false",
            "15.0.4430.1, 16.0.1000.6, true",
            "16.0.9, 16.0.10, true",       // numbers, not text
            "16.0, 16.0.0.0, false",       // missing parts are 0
    })
    void ordersPartByPart(String a, String b, boolean older) {
        assertThat(SqlServerVersion.parse(a).isOlderThan(SqlServerVersion.parse(b))).isEqualTo(older);
    }

    @Test
    void readsAndPrintsProductVersion() {
        assertThat(SqlServerVersion.parse("16.0.4135.4")).hasToString("16.0.4135.4");
        assertThat(SqlServerVersion.parse(" ")).isNull();
        assertThatThrownBy(() -> SqlServerVersion.parse("2022-CU14")).hasMessageContaining("not a SQL Server version");
    }
}
