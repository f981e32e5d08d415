package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Parses {@code NAME = value [, NAME = value …]} option lists (CREATE LOGIN, CERTIFICATE, AVAILABILITY GROUP). */
final class OptionList {

    private OptionList() {
    }

    /** {@code NAME = value [, NAME = value]}: strings, numbers, words (ON/OFF), dates as strings. */
    static Map<String, Object> parse(TokenCursor in) throws SimSqlException {
        Map<String, Object> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        do {
            String key = in.identifier().toUpperCase(Locale.ROOT);
            in.expectSymbol("=");
            Token v = in.next();
            out.put(key, switch (v.kind()) {
                case STRING, NUMBER, BINARY -> v.value();
                case WORD, QUOTED_IDENT -> v.name().toUpperCase(Locale.ROOT);
                default -> throw Errors.syntax(v.text());
            });
        } while (in.acceptSymbol(","));
        return out;
    }
}
