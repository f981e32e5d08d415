package io.github.mssqlk8s.sim.tds;

import java.util.ArrayList;
import java.util.List;

/** Parameter names from a declaration string such as {@code @P0 nvarchar(4000),@P1 decimal(38,2) OUTPUT}. */
final class ParamDeclarations {

    private ParamDeclarations() {
    }

    /** The names in order; types are ignored (they come from the TYPE_INFO on the wire). */
    static List<String> names(String declaration) {
        List<String> names = new ArrayList<>();
        if (declaration == null || declaration.isBlank()) {
            return names;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= declaration.length(); i++) {
            char c = i < declaration.length() ? declaration.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = declaration.substring(start, i).trim();
                if (!part.isEmpty()) {
                    names.add(part.split("\\s+", 2)[0]);
                }
                start = i + 1;
            }
        }
        return names;
    }
}
