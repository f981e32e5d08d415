package io.github.mssqlk8s.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlQuoteTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ag1|[ag1]",
        "my ag|[my ag]",
        "a]b|[a]]b]",
        "]]|[]]]]]",
        "x]; DROP LOGIN sa; --|[x]]; DROP LOGIN sa; --]",
        "[already]|[[already]]]",
        "ünïcødé|[ünïcødé]",
    })
    void identifiersAreBracketedWithClosingBracketsDoubled(String name, String quoted) {
        assertThat(SqlQuote.identifier(name)).isEqualTo(quoted);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Passw0rd!|N'Passw0rd!'",
        "it's|N'it''s'",
        "''|N''''''",
        "x'; DROP LOGIN sa; --|N'x''; DROP LOGIN sa; --'",
        "N'|N'N'''",
    })
    void literalsAreUnicodeWithQuotesDoubled(String text, String quoted) {
        assertThat(SqlQuote.unicodeLiteral(text)).isEqualTo(quoted);
    }

    @Test
    void theEmptyLiteralIsAllowed() {
        assertThat(SqlQuote.unicodeLiteral("")).isEqualTo("N''");
    }

    @Test
    void whatSqlServerCannotHoldIsRefused() {
        assertThatThrownBy(() -> SqlQuote.identifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlQuote.identifier(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlQuote.identifier("a".repeat(129))).hasMessageContaining("128");
        assertThat(SqlQuote.identifier("a".repeat(128))).hasSize(130);
        assertThatThrownBy(() -> SqlQuote.identifier("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SqlQuote.unicodeLiteral(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedLiteralDoesNotEchoItsValue() {
        assertThatThrownBy(() -> SqlQuote.unicodeLiteral("secret\0value")).message().doesNotContain("secret");
    }

    @Test
    void binaryIsHex() {
        assertThat(SqlQuote.binaryLiteral(new byte[] {0x00, 0x0f, (byte) 0xff})).isEqualTo("0x000FFF");
        assertThatThrownBy(() -> SqlQuote.binaryLiteral(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
