package io.github.mssqlk8s.sim.engine;

import java.util.List;

/** A parsed scalar or boolean expression. */
sealed interface Expr {

    record Literal(Object value) implements Expr {
    }

    /** {@code @name} (a parameter or a declared variable) or {@code @@NAME} (a system function). */
    record Variable(String name) implements Expr {
    }

    record Column(String qualifier, String name) implements Expr {
    }

    /** A scalar function call, name upper-cased. */
    record Call(String name, List<Expr> args) implements Expr {
    }

    /** {@code COUNT(*)}, {@code COUNT(x)}, {@code MAX(x)}, {@code MIN(x)}; arg null for {@code *}. */
    record Aggregate(String function, Expr arg) implements Expr {
    }

    record Compare(String op, Expr left, Expr right) implements Expr {
    }

    record IsNull(Expr operand, boolean negated) implements Expr {
    }

    record Logical(String op, Expr left, Expr right) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record Negate(Expr operand) implements Expr {
    }

    /** {@code +}, {@code -}, {@code *}, {@code /}; {@code +} on strings concatenates. */
    record Arithmetic(String op, Expr left, Expr right) implements Expr {
    }

    /** {@code EXISTS (SELECT …)}. */
    record Exists(Query query) implements Expr {
    }

    static boolean hasAggregate(Expr e) {
        if (e instanceof Aggregate) {
            return true;
        }
        if (e instanceof Call c) {
            return c.args().stream().anyMatch(Expr::hasAggregate);
        }
        if (e instanceof Compare c) {
            return hasAggregate(c.left()) || hasAggregate(c.right());
        }
        if (e instanceof Arithmetic a) {
            return hasAggregate(a.left()) || hasAggregate(a.right());
        }
        return e instanceof Negate n && hasAggregate(n.operand());
    }
}
