package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Splits T-SQL text into tokens, dropping whitespace and comments. */
final class Tokenizer {

    private static final String TWO_CHAR_SYMBOLS = "<= >= <> != ::";

    private final String src;
    private int pos;

    private Tokenizer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String text) throws SimSqlException {
        return new Tokenizer(text).run();
    }

    private List<Token> run() throws SimSqlException {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipBlanksAndComments();
            if (pos >= src.length()) {
                out.add(new Token(Token.Kind.EOF, "", null, pos, pos));
                return out;
            }
            out.add(next());
        }
    }

    private void skipBlanksAndComments() throws SimSqlException {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("--", pos)) {
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? src.length() : nl + 1;
            } else if (src.startsWith("/*", pos)) {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw Errors.of(113, 15, "Missing end comment mark '*/'.");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    private Token next() throws SimSqlException {
        int start = pos;
        char c = src.charAt(pos);
        if ((c == 'N' || c == 'n') && pos + 1 < src.length() && src.charAt(pos + 1) == '\'') {
            pos++;
            return quoted(start, '\'', Token.Kind.STRING);
        }
        if (c == '\'') {
            return quoted(start, '\'', Token.Kind.STRING);
        }
        if (c == '"') {
            return quoted(start, '"', Token.Kind.QUOTED_IDENT);
        }
        if (c == '[') {
            int close = src.indexOf(']', pos);
            while (close >= 0 && close + 1 < src.length() && src.charAt(close + 1) == ']') {
                close = src.indexOf(']', close + 2);
            }
            if (close < 0) {
                throw Errors.unclosedQuote(src.substring(start));
            }
            pos = close + 1;
            return new Token(Token.Kind.QUOTED_IDENT, src.substring(start, pos),
                    src.substring(start + 1, close).replace("]]", "]"), start, pos);
        }
        if (c == '0' && pos + 1 < src.length() && (src.charAt(pos + 1) == 'x' || src.charAt(pos + 1) == 'X')) {
            pos += 2;
            while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                pos++;
            }
            String hex = src.substring(start + 2, pos);
            if (hex.length() % 2 == 1) {
                hex = "0" + hex;
            }
            return new Token(Token.Kind.BINARY, src.substring(start, pos), HexFormat.of().parseHex(hex), start, pos);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == '@' || Character.isLetter(c) || c == '_' || c == '#') {
            pos++;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || "_@#$".indexOf(src.charAt(pos)) >= 0)) {
                pos++;
            }
            String text = src.substring(start, pos);
            return new Token(c == '@' ? Token.Kind.VARIABLE : Token.Kind.WORD, text, null, start, pos);
        }
        if (pos + 1 < src.length() && TWO_CHAR_SYMBOLS.contains(src.substring(pos, pos + 2))
                && !src.substring(pos, pos + 2).contains(" ")) {
            pos += 2;
            return new Token(Token.Kind.SYMBOL, src.substring(start, pos), null, start, pos);
        }
        if ("(),.;=<>*+-/%".indexOf(c) >= 0) {
            pos++;
            return new Token(Token.Kind.SYMBOL, String.valueOf(c), null, start, pos);
        }
        throw Errors.syntax(String.valueOf(c));
    }

    private Token quoted(int start, char quote, Token.Kind kind) throws SimSqlException {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw Errors.unclosedQuote(src.substring(start));
            }
            char ch = src.charAt(pos++);
            if (ch == quote) {
                if (pos < src.length() && src.charAt(pos) == quote) {
                    sb.append(quote);
                    pos++;
                } else {
                    break;
                }
            } else {
                sb.append(ch);
            }
        }
        return new Token(kind, src.substring(start, pos), sb.toString(), start, pos);
    }

    private Token number(int start) {
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
        }
        String text = src.substring(start, pos);
        Object value;
        if (text.contains(".")) {
            value = new BigDecimal(text);
        } else {
            BigDecimal big = new BigDecimal(text);
            if (big.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                value = big.intValue();
            } else if (big.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                value = big.longValue();
            } else {
                value = big;
            }
        }
        return new Token(Token.Kind.NUMBER, text, value, start, pos);
    }
}
