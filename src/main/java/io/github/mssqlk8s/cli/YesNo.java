package io.github.mssqlk8s.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A boolean as people write it in environment variables: true/false, yes/no, 1/0, on/off; empty is false. */
public class YesNo implements ITypeConverter<Boolean> {

    @Override
    public Boolean convert(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "on" -> true;
            case "false", "no", "n", "0", "off", "" -> false;
            default -> throw new TypeConversionException("'" + value + "' is not a yes/no value (true or false)");
        };
    }
}
