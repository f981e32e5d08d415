package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Evaluates expressions over a row; aggregates over a group of rows. SQL three-valued logic: null is unknown. */
final class ExpressionEvaluator {

    private final ExecContext ctx;

    ExpressionEvaluator(ExecContext ctx) {
        this.ctx = ctx;
    }

    Object eval(Expr e, Bindings row) throws SimSqlException {
        return eval(e, row, null);
    }

    /** @param group the rows of the group when evaluating an aggregate query, else null */
    Object eval(Expr e, Bindings row, List<Bindings> group) throws SimSqlException {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Variable v) {
            return ctx.variable(v.name());
        }
        if (e instanceof Expr.Column c) {
            return row.value(c.qualifier(), c.name());
        }
        if (e instanceof Expr.Call c) {
            return call(c, row, group);
        }
        if (e instanceof Expr.Aggregate a) {
            return aggregate(a, group);
        }
        if (e instanceof Expr.Compare c) {
            return compare(c, row, group);
        }
        if (e instanceof Expr.IsNull n) {
            return (eval(n.operand(), row, group) == null) != n.negated();
        }
        if (e instanceof Expr.Logical l) {
            return logical(l, row, group);
        }
        if (e instanceof Expr.Not n) {
            Object v = eval(n.operand(), row, group);
            return v == null ? null : !truth(v);
        }
        if (e instanceof Expr.Negate n) {
            Object v = eval(n.operand(), row, group);
            return v == null ? null : narrow(Values.toDecimal(v).negate(), v);
        }
        if (e instanceof Expr.Arithmetic a) {
            return arithmetic(a, row, group);
        }
        Expr.Exists x = (Expr.Exists) e;
        return !new QueryEvaluator(ctx).evaluate(x.query()).rows().isEmpty();
    }

    boolean test(Expr e, Bindings row) throws SimSqlException {
        Object v = eval(e, row);
        return v != null && truth(v);
    }

    private static boolean truth(Object v) {
        return v instanceof Boolean b ? b : Values.toDecimal(v).signum() != 0;
    }

    private Object call(Expr.Call c, Bindings row, List<Bindings> group) throws SimSqlException {
        List<Object> args = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(eval(a, row, group));
        }
        return Functions.call(c.name(), args, ctx);
    }

    private Object aggregate(Expr.Aggregate a, List<Bindings> group) throws SimSqlException {
        if (group == null) {
            throw Errors.of(147, 15, "An aggregate may not appear here.");
        }
        if (a.arg() == null) {
            return group.size();
        }
        Object best = null;
        int count = 0;
        for (Bindings b : group) {
            Object v = eval(a.arg(), b);
            if (v == null) {
                continue;
            }
            count++;
            if (best == null) {
                best = v;
            } else {
                int cmp = Values.compare(v, best);
                if (a.function().equals("MAX") ? cmp > 0 : cmp < 0) {
                    best = v;
                }
            }
        }
        return a.function().equals("COUNT") ? (Object) count : best;
    }

    private Object compare(Expr.Compare c, Bindings row, List<Bindings> group) throws SimSqlException {
        Integer cmp = Values.compare(eval(c.left(), row, group), eval(c.right(), row, group));
        if (cmp == null) {
            return null;
        }
        return switch (c.op()) {
            case "=" -> cmp == 0;
            case "<>" -> cmp != 0;
            case "<" -> cmp < 0;
            case ">" -> cmp > 0;
            case "<=" -> cmp <= 0;
            default -> cmp >= 0;
        };
    }

    private Object logical(Expr.Logical l, Bindings row, List<Bindings> group) throws SimSqlException {
        Object a = eval(l.left(), row, group);
        boolean isAnd = l.op().equals("AND");
        if (a != null && truth(a) != isAnd) {
            return !isAnd;
        }
        Object b = eval(l.right(), row, group);
        if (b != null && truth(b) != isAnd) {
            return !isAnd;
        }
        return a == null || b == null ? null : isAnd;
    }

    private Object arithmetic(Expr.Arithmetic a, Bindings row, List<Bindings> group) throws SimSqlException {
        Object x = eval(a.left(), row, group);
        Object y = eval(a.right(), row, group);
        if (x == null || y == null) {
            return null;
        }
        if (a.op().equals("+") && (x instanceof String || y instanceof String) && !(Values.isNumeric(x) && Values.isNumeric(y))) {
            return Values.display(x) + Values.display(y);
        }
        BigDecimal l = Values.toDecimal(x);
        BigDecimal r = Values.toDecimal(y);
        BigDecimal result = switch (a.op()) {
            case "+" -> l.add(r);
            case "-" -> l.subtract(r);
            case "*" -> l.multiply(r);
            default -> {
                if (r.signum() == 0) {
                    throw Errors.of(8134, 16, "Divide by zero error encountered.");
                }
                yield x instanceof BigDecimal || y instanceof BigDecimal ? l.divide(r, 6, RoundingMode.HALF_UP)
                        : l.divide(r, 0, RoundingMode.DOWN);
            }
        };
        return narrow(result, x instanceof Long || y instanceof Long ? 1L : x instanceof BigDecimal || y instanceof BigDecimal ? BigDecimal.ONE : x);
    }

    /** Keeps integer arithmetic integral, as SQL Server's type precedence does. */
    private static Object narrow(BigDecimal v, Object like) {
        if (like instanceof Long) {
            return v.longValue();
        }
        if (like instanceof BigDecimal) {
            return v;
        }
        return v.scale() <= 0 && v.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0 ? (Object) v.intValue() : v;
    }
}
