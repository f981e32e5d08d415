package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SELECT [TOP n] items [FROM src [alias] {[INNER] JOIN src [alias] ON cond}] [WHERE cond]
 * [ORDER BY expr [ASC|DESC], …]}.
 */
final class QueryParser {

    private final TokenCursor in;
    private final ExprParser expressions;

    QueryParser(TokenCursor in) {
        this.in = in;
        this.expressions = new ExprParser(in);
    }

    Query parse() throws SimSqlException {
        in.expectWords("SELECT");
        Integer top = null;
        if (in.acceptWord("TOP")) {
            boolean paren = in.acceptSymbol("(");
            top = in.integer();
            if (paren) {
                in.expectSymbol(")");
            }
        }
        List<Query.Item> items = new ArrayList<>();
        do {
            items.add(item());
        } while (in.acceptSymbol(","));
        List<Query.Source> sources = new ArrayList<>();
        if (in.acceptWord("FROM")) {
            sources.add(source(null));
            while (in.isWord("JOIN") || in.isWords("INNER", "JOIN")) {
                in.acceptWord("INNER");
                in.expectWords("JOIN");
                List<String> name = in.multipartName();
                String alias = alias();
                in.expectWords("ON");
                sources.add(new Query.Source(name, alias, expressions.parse()));
            }
        }
        Expr where = in.acceptWord("WHERE") ? expressions.parse() : null;
        List<Query.Order> order = new ArrayList<>();
        if (in.acceptWords("ORDER", "BY")) {
            do {
                Expr e = expressions.parse();
                boolean desc = in.acceptWord("DESC");
                if (!desc) {
                    in.acceptWord("ASC");
                }
                order.add(new Query.Order(e, desc));
            } while (in.acceptSymbol(","));
        }
        return new Query(top, items, sources, where, order);
    }

    private Query.Source source(Expr on) throws SimSqlException {
        List<String> name = in.multipartName();
        return new Query.Source(name, alias(), on);
    }

    private String alias() throws SimSqlException {
        if (in.acceptWord("AS")) {
            return in.identifier();
        }
        if (in.isIdentifier() && !ExprParser.isReserved(in.peek())) {
            return in.identifier();
        }
        return null;
    }

    private Query.Item item() throws SimSqlException {
        if (in.acceptSymbol("*")) {
            return new Query.Item(null, null, true, null, null);
        }
        if (in.isIdentifier() && in.peek(1).isSymbol(".") && in.peek(2).isSymbol("*")) {
            String qualifier = in.identifier();
            in.next();
            in.next();
            return new Query.Item(null, null, true, qualifier, null);
        }
        if (in.peek().kind() == Token.Kind.VARIABLE && !in.peek().text().startsWith("@@") && in.peek(1).isSymbol("=")) {
            String variable = in.next().text();
            in.next();
            return new Query.Item(expressions.parse(), null, false, null, variable);
        }
        Expr e = expressions.parse();
        String alias = null;
        if (in.acceptWord("AS")) {
            alias = in.peek().kind() == Token.Kind.STRING ? in.string() : in.identifier();
        } else if (in.isIdentifier() && !ExprParser.isReserved(in.peek())) {
            alias = in.identifier();
        }
        return new Query.Item(e, alias, false, null, null);
    }
}
