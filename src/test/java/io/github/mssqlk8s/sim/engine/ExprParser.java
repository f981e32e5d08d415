package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses expressions: OR/AND/NOT, comparisons, IS [NOT] NULL, + - * /, literals, @variables, columns, calls. */
final class ExprParser {

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    private static final Set<String> RESERVED = Set.of("FROM", "WHERE", "AND", "OR", "ORDER", "INNER", "JOIN", "ON",
            "AS", "IS", "NOT", "NULL", "GROUP", "LEFT", "SELECT", "INSERT", "CREATE", "ALTER", "DROP", "EXEC",
            "EXECUTE", "USE", "GRANT", "BACKUP", "BEGIN", "COMMIT", "ROLLBACK", "DECLARE", "SET", "IF", "ELSE",
            "VALUES", "UNION", "TOP", "DESC", "ASC", "BY", "PRINT", "RETURN", "WITH", "UPDATE", "DELETE", "IN", "LIKE");

    private final TokenCursor in;

    ExprParser(TokenCursor in) {
        this.in = in;
    }

    static boolean isReserved(Token t) {
        return t.kind() == Token.Kind.WORD && RESERVED.contains(t.text().toUpperCase(Locale.ROOT));
    }

    Expr parse() throws SimSqlException {
        Expr left = and();
        while (in.acceptWord("OR")) {
            left = new Expr.Logical("OR", left, and());
        }
        return left;
    }

    private Expr and() throws SimSqlException {
        Expr left = not();
        while (in.acceptWord("AND")) {
            left = new Expr.Logical("AND", left, not());
        }
        return left;
    }

    private Expr not() throws SimSqlException {
        if (in.acceptWord("NOT")) {
            return new Expr.Not(not());
        }
        return comparison();
    }

    private Expr comparison() throws SimSqlException {
        Expr left = additive();
        Token t = in.peek();
        if (t.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(t.text())) {
            in.next();
            String op = t.text().equals("!=") ? "<>" : t.text();
            return new Expr.Compare(op, left, additive());
        }
        boolean negated = in.isWord("NOT") && (in.peek(1).isWord("IN") || in.peek(1).isWord("LIKE"));
        if (negated) {
            in.next();
        }
        if (in.acceptWord("IN")) {
            // x IN (a, b) is x = a OR x = b
            in.expectSymbol("(");
            Expr any = null;
            do {
                Expr eq = new Expr.Compare("=", left, additive());
                any = any == null ? eq : new Expr.Logical("OR", any, eq);
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
            return negated ? new Expr.Not(any) : any;
        }
        if (in.acceptWord("LIKE")) {
            Expr like = new Expr.Call("LIKE", List.of(left, additive()));
            return negated ? new Expr.Not(like) : like;
        }
        if (negated) {
            throw in.syntaxError();
        }
        if (in.acceptWord("IS")) {
            boolean not = in.acceptWord("NOT");
            in.expectWords("NULL");
            return new Expr.IsNull(left, not);
        }
        return left;
    }

    private Expr additive() throws SimSqlException {
        Expr left = multiplicative();
        while (in.isSymbol("+") || in.isSymbol("-")) {
            String op = in.next().text();
            left = new Expr.Arithmetic(op, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() throws SimSqlException {
        Expr left = unary();
        while (in.isSymbol("*") || in.isSymbol("/")) {
            String op = in.next().text();
            left = new Expr.Arithmetic(op, left, unary());
        }
        return left;
    }

    private Expr unary() throws SimSqlException {
        if (in.acceptSymbol("-")) {
            return new Expr.Negate(unary());
        }
        return primary();
    }

    private Expr primary() throws SimSqlException {
        Token t = in.peek();
        switch (t.kind()) {
            case STRING, NUMBER, BINARY -> {
                in.next();
                return new Expr.Literal(t.value());
            }
            case VARIABLE -> {
                in.next();
                return new Expr.Variable(t.text());
            }
            case SYMBOL -> {
                if (in.acceptSymbol("(")) {
                    Expr inner = parse();
                    in.expectSymbol(")");
                    return inner;
                }
                throw in.syntaxError();
            }
            case WORD, QUOTED_IDENT -> {
                if (t.isWord("EXISTS") && in.peek(1).isSymbol("(")) {
                    in.next();
                    in.next();
                    Query q = new QueryParser(in).parse();
                    in.expectSymbol(")");
                    return new Expr.Exists(q);
                }
                if (t.isWord("NULL")) {
                    in.next();
                    return new Expr.Literal(null);
                }
                if (t.kind() == Token.Kind.WORD && isReserved(t)) {
                    throw in.syntaxError();
                }
                if (t.kind() == Token.Kind.WORD && in.peek(1).isSymbol("(")) {
                    return call();
                }
                List<String> parts = in.multipartName();
                String name = parts.get(parts.size() - 1);
                String qualifier = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
                return new Expr.Column(qualifier, name);
            }
            default -> throw in.syntaxError();
        }
    }

    /** {@code CAST(x AS type)} and {@code CONVERT(type, x)} become {@code CAST(x, 'TYPE')}. */
    private Expr conversion(String name) throws SimSqlException {
        Expr value = null;
        if (name.equals("CAST")) {
            value = parse();
            in.expectWords("AS");
        }
        String type = in.identifier().toUpperCase(Locale.ROOT);
        if (in.acceptSymbol("(")) {
            while (!in.acceptSymbol(")")) {
                if (in.atEnd()) {
                    throw in.syntaxError();
                }
                in.next();
            }
        }
        if (value == null) {
            in.expectSymbol(",");
            value = parse();
            if (in.acceptSymbol(",")) {
                parse();
            }
        }
        in.expectSymbol(")");
        return new Expr.Call("CAST", List.of(value, new Expr.Literal(type)));
    }

    private Expr call() throws SimSqlException {
        String name = in.next().text().toUpperCase(Locale.ROOT);
        in.expectSymbol("(");
        if (name.equals("COUNT") || name.equals("MAX") || name.equals("MIN")) {
            Expr arg = null;
            if (!(name.equals("COUNT") && in.acceptSymbol("*"))) {
                arg = parse();
            }
            in.expectSymbol(")");
            return new Expr.Aggregate(name, arg);
        }
        if (name.equals("CAST") || name.equals("CONVERT")) {
            return conversion(name);
        }
        List<Expr> args = new ArrayList<>();
        if (!in.acceptSymbol(")")) {
            do {
                args.add(parse());
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
        }
        return new Expr.Call(name, args);
    }
}
