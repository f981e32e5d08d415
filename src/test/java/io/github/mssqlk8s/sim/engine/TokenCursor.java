package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.util.ArrayList;
import java.util.List;

/** A read position over a batch's tokens with the small vocabulary every statement parser needs. */
final class TokenCursor {

    private final String source;
    private final List<Token> tokens;
    private int pos;

    TokenCursor(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = peek();
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.EOF;
    }

    /** The end of a statement: a semicolon, the end of the batch, or (checked by callers) the next statement keyword. */
    boolean atStatementEnd() {
        return atEnd() || peek().isSymbol(";");
    }

    boolean isWord(String word) {
        return peek().isWord(word);
    }

    /** True when the next tokens are exactly these words. */
    boolean isWords(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!peek(i).isWord(words[i])) {
                return false;
            }
        }
        return true;
    }

    boolean acceptWord(String word) {
        if (isWord(word)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes all of the words or none. */
    boolean acceptWords(String... words) {
        if (isWords(words)) {
            pos += words.length;
            return true;
        }
        return false;
    }

    void expectWords(String... words) throws SimSqlException {
        for (String w : words) {
            if (!acceptWord(w)) {
                throw syntaxError();
            }
        }
    }

    boolean isSymbol(String symbol) {
        return peek().isSymbol(symbol);
    }

    boolean acceptSymbol(String symbol) {
        if (isSymbol(symbol)) {
            next();
            return true;
        }
        return false;
    }

    void expectSymbol(String symbol) throws SimSqlException {
        if (!acceptSymbol(symbol)) {
            throw syntaxError();
        }
    }

    boolean isIdentifier() {
        return peek().kind() == Token.Kind.WORD || peek().kind() == Token.Kind.QUOTED_IDENT;
    }

    String identifier() throws SimSqlException {
        if (!isIdentifier()) {
            throw syntaxError();
        }
        return next().name();
    }

    /** {@code a.b.c} as a list of parts. */
    List<String> multipartName() throws SimSqlException {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (isSymbol(".") && (peek(1).kind() == Token.Kind.WORD || peek(1).kind() == Token.Kind.QUOTED_IDENT)) {
            next();
            parts.add(identifier());
        }
        return parts;
    }

    /** An identifier or a string literal (replica names are written N'name'). */
    String nameOrString() throws SimSqlException {
        if (peek().kind() == Token.Kind.STRING) {
            return (String) next().value();
        }
        return identifier();
    }

    String string() throws SimSqlException {
        if (peek().kind() != Token.Kind.STRING) {
            throw syntaxError();
        }
        return (String) next().value();
    }

    int integer() throws SimSqlException {
        boolean negative = acceptSymbol("-");
        if (peek().kind() != Token.Kind.NUMBER || !(peek().value() instanceof Integer)) {
            throw syntaxError();
        }
        int v = (Integer) next().value();
        return negative ? -v : v;
    }

    byte[] binary() throws SimSqlException {
        if (peek().kind() != Token.Kind.BINARY) {
            throw syntaxError();
        }
        return (byte[]) next().value();
    }

    /** {@code WORD = value} inside an option list: expects the word and the equals sign. */
    void expectOption(String... words) throws SimSqlException {
        expectWords(words);
        expectSymbol("=");
    }

    SimSqlException syntaxError() {
        Token t = peek();
        return Errors.syntax(t.kind() == Token.Kind.EOF ? lastText() : t.text());
    }

    private String lastText() {
        return pos > 0 ? tokens.get(pos - 1).text() : "";
    }

    /** The source text of tokens [fromToken, current). */
    String textFrom(int fromToken) {
        if (fromToken >= pos) {
            return "";
        }
        return source.substring(tokens.get(fromToken).start(), tokens.get(pos - 1).end());
    }
}
