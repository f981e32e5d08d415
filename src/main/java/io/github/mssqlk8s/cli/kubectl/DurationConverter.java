package io.github.mssqlk8s.cli.kubectl;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 10m}, {@code 1h} or an ISO-8601 duration. */
public class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.matches("\\d+[smh]")) {
                return Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
            }
            return Duration.parse(value.strip());
        } catch (NumberFormatException | DateTimeParseException invalid) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 10m)");
        }
    }
}
