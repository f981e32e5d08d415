package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The port of the API server's name rules, against cases from Kubernetes' own documentation of them. */
class ApiValidationTest {

    @ParameterizedTest(name = "DNS-1035 ''{0}'' -> {1}")
    @CsvSource({"mssql1, true", "a, true", "a-b-c, true", "1sql, false", "sql.a, false", "-a, false", "a-, false",
        "Mssql, false", "'', false"})
    void dns1035Labels(String value, boolean valid) {
        assertThat(ApiValidation.isDns1035Label(value)).isEqualTo(valid);
        assertThat(ApiValidation.isDns1035Label("a".repeat(64))).isFalse();
    }

    @ParameterizedTest(name = "DNS-1123 label ''{0}'' -> {1}")
    @CsvSource({"mssql1-0, true", "1sql, true", "sql.a, false", "a_b, false", "'', false"})
    void dns1123Labels(String value, boolean valid) {
        assertThat(ApiValidation.isDns1123Label(value)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "subdomain ''{0}'' -> {1}")
    @CsvSource({"mssql.microsoft.com, true", "a, true", "a..b, false", ".a, false", "A.b, false"})
    void dns1123Subdomains(String value, boolean valid) {
        assertThat(ApiValidation.isDns1123Subdomain(value)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "qualified name ''{0}'' -> {1}")
    @CsvSource({"type, true", "app.kubernetes.io/managed-by, true", "role.ag.mssql.microsoft.com/ag1, true",
        "Team_Name.x, true", "/a, false", "a/, false", "a/b/c, false", "-a, false", "a b, false", "'', false",
        "Example.com/a, false"})
    void qualifiedNames(String value, boolean valid) {
        assertThat(ApiValidation.isQualifiedName(value)).isEqualTo(valid);
        assertThat(ApiValidation.isQualifiedName("p/" + "a".repeat(64))).isFalse();
    }

    @ParameterizedTest(name = "label value ''{0}'' -> {1}")
    @CsvSource({"'', true", "sqlservr, true", "A_b.c-d, true", "-a, false", "a b, false", "a/b, false"})
    void labelValues(String value, boolean valid) {
        assertThat(ApiValidation.isValidLabelValue(value)).isEqualTo(valid);
        assertThat(ApiValidation.isValidLabelValue("a".repeat(64))).isFalse();
    }

    @ParameterizedTest(name = "port ''{0}'' -> {1}")
    @CsvSource({"sql, true", "hadr, true", "supervisor, true", "http-2, true", "1433, false", "a--b, false",
        "-sql, false", "sql-, false", "SQL, false", "sixteen-letters1, false"})
    void portNames(String value, boolean valid) {
        assertThat(ApiValidation.isValidPortName(value)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "env ''{0}'' -> {1}")
    @CsvSource({"MSSQL_PID, true", "a.b-c, true", "_x, true", "1A, false", "A=B, false", "'A B', false", "., false",
        "..x, false"})
    void environmentVariableNames(String value, boolean valid) {
        assertThat(ApiValidation.isEnvVarName(value)).isEqualTo(valid);
    }
}
