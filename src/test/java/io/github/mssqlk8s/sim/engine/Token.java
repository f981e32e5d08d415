package io.github.mssqlk8s.sim.engine;

/** One lexical token of T-SQL text; {@code start}/{@code end} are offsets in the source (for the statement log). */
record Token(Kind kind, String text, Object value, int start, int end) {

    enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** {@code [name]} or {@code "name"}; value is the name. */
        QUOTED_IDENT,
        /** {@code 'x'} or {@code N'x'}; value is the String. */
        STRING,
        /** value is an Integer, Long or BigDecimal. */
        NUMBER,
        /** {@code 0x…}; value is a byte[]. */
        BINARY,
        /** {@code @name} or {@code @@name}; text is the whole name. */
        VARIABLE,
        SYMBOL,
        EOF
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The name an identifier token stands for (without brackets). */
    String name() {
        return kind == Kind.QUOTED_IDENT ? (String) value : text;
    }
}
