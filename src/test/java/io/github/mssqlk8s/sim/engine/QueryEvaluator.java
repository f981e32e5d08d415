package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.SqlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs a {@link Query}: nested-loop joins, filter, aggregate or project, order, top. */
final class QueryEvaluator {

    /** One joined row: a row of each relation. */
    private record Tuple(List<Relation> relations, Object[][] rows) implements Bindings {

        @Override
        public Object value(String qualifier, String name) throws SimSqlException {
            int[] at = locate(qualifier, name);
            return rows[at[0]][at[1]];
        }

        @Override
        public SimColumn column(String qualifier, String name) throws SimSqlException {
            int[] at = locate(qualifier, name);
            return relations.get(at[0]).columns().get(at[1]);
        }

        private int[] locate(String qualifier, String name) throws SimSqlException {
            int[] found = null;
            for (int r = 0; r < relations.size(); r++) {
                Relation rel = relations.get(r);
                int c = rel.answersTo(qualifier) ? rel.columnIndex(name) : -1;
                if (c >= 0) {
                    if (found != null) {
                        throw Errors.of(209, 16, "Ambiguous column name '" + name + "'.");
                    }
                    found = new int[] {r, c};
                }
            }
            if (found == null) {
                throw qualifier == null ? Errors.invalidColumn(name)
                        : Errors.of(4104, 16, "The multi-part identifier \"" + qualifier + "." + name + "\" could not be bound.");
            }
            return found;
        }
    }

    private final ExecContext ctx;
    private final ExpressionEvaluator eval;

    QueryEvaluator(ExecContext ctx) {
        this.ctx = ctx;
        this.eval = ctx.evaluator();
    }

    /** The columns and rows a query returns. */
    record Result(List<SimColumn> columns, List<List<Object>> rows) {
    }

    void run(Query q) throws SimSqlException {
        Result r = evaluate(q);
        if (q.items().stream().anyMatch(i -> i.assignTo() != null)) {
            assign(q, r.rows());
            ctx.done(r.rows().size(), true);
            return;
        }
        ctx.resultSet(r.columns(), r.rows());
    }

    Result evaluate(Query q) throws SimSqlException {
        List<Relation> relations = new ArrayList<>();
        for (Query.Source s : q.sources()) {
            relations.add(resolve(s));
        }
        List<Tuple> tuples = join(q, relations);
        if (q.where() != null) {
            List<Tuple> kept = new ArrayList<>();
            for (Tuple t : tuples) {
                if (eval.test(q.where(), t)) {
                    kept.add(t);
                }
            }
            tuples = kept;
        }
        boolean aggregate = q.items().stream().anyMatch(i -> i.expr() != null && Expr.hasAggregate(i.expr()));
        Tuple template = new Tuple(relations, new Object[relations.size()][]);
        List<SimColumn> columns = columns(q, template);
        List<List<Object>> out = new ArrayList<>();
        List<Tuple> order = new ArrayList<>();
        if (aggregate) {
            List<Bindings> group = new ArrayList<>(tuples);
            Bindings first = tuples.isEmpty() ? Bindings.NONE : tuples.get(0);
            out.add(project(q, first, group));
        } else {
            for (Tuple t : tuples) {
                out.add(project(q, t, null));
                order.add(t);
            }
            sort(q, out, order, columns);
        }
        if (q.top() != null && out.size() > q.top()) {
            out = new ArrayList<>(out.subList(0, q.top()));
        }
        return new Result(columns, out);
    }

    private Relation resolve(Query.Source s) throws SimSqlException {
        CatalogView view = CatalogViews.find(s.name());
        String shown = String.join(".", s.name());
        if (view != null) {
            if (view.needsViewServerState() && !ctx.instance.security.hasServerPermission(ctx.session.login, "VIEW SERVER STATE")) {
                throw Errors.viewServerStateDenied();
            }
            return new Relation(view.name(), s.alias(), view.columns(), view.rows().apply(ctx));
        }
        List<String> n = s.name();
        String dbName = n.size() >= 3 ? n.get(n.size() - 3) : ctx.session.database();
        Database db = ctx.instance.databases.get(dbName);
        UserTable table = db == null ? null : db.tables.get(n.get(n.size() - 1));
        if (table == null) {
            throw Errors.invalidObject(shown);
        }
        ctx.instance.ensureReadable(db);
        return new Relation(table.name, s.alias(), table.columns, List.copyOf(table.rows));
    }

    private List<Tuple> join(Query q, List<Relation> relations) throws SimSqlException {
        List<Tuple> tuples = new ArrayList<>();
        tuples.add(new Tuple(relations, new Object[relations.size()][]));
        for (int r = 0; r < relations.size(); r++) {
            List<Tuple> next = new ArrayList<>();
            for (Tuple t : tuples) {
                for (Object[] row : relations.get(r).rows()) {
                    Object[][] rows = t.rows().clone();
                    rows[r] = row;
                    Tuple joined = new Tuple(relations, rows);
                    Expr on = q.sources().get(r).on();
                    if (on == null || eval.test(on, new Tuple(relations.subList(0, r + 1), java.util.Arrays.copyOf(rows, r + 1)))) {
                        next.add(joined);
                    }
                }
            }
            tuples = next;
        }
        return tuples;
    }

    private List<SimColumn> columns(Query q, Tuple template) throws SimSqlException {
        List<SimColumn> cols = new ArrayList<>();
        for (Query.Item item : q.items()) {
            if (item.star()) {
                for (Relation r : template.relations()) {
                    if (item.starQualifier() == null || r.answersTo(item.starQualifier())) {
                        cols.addAll(r.columns());
                    }
                }
            } else {
                cols.add(columnOf(item, template));
            }
        }
        return cols;
    }

    private SimColumn columnOf(Query.Item item, Tuple template) throws SimSqlException {
        Expr e = item.expr();
        String name = item.alias() != null ? item.alias() : e instanceof Expr.Column c ? c.name() : "";
        SimColumn base = null;
        if (e instanceof Expr.Column c) {
            base = template.column(c.qualifier(), c.name());
        } else if (e instanceof Expr.Aggregate a && a.arg() instanceof Expr.Column c) {
            base = a.function().equals("COUNT") ? SimColumn.of("", SqlType.INT) : template.column(c.qualifier(), c.name());
        } else if (e instanceof Expr.Aggregate a && a.function().equals("COUNT")) {
            base = SimColumn.of("", SqlType.INT);
        }
        if (base == null) {
            // Typed from the value when the expression has no declared type.
            Object v;
            try {
                v = eval.eval(e, Bindings.NONE, List.of());
            } catch (SimSqlException ex) {
                v = null;
            }
            base = SimColumn.of("", Values.typeOf(v));
            if (base.type() == SqlType.NVARCHAR && v instanceof String s && s.length() > 4000) {
                base = SimColumn.max("", SqlType.NVARCHAR);
            }
        }
        return new SimColumn(name, base.type(), base.length(), base.precision(), base.scale(), true);
    }

    private List<Object> project(Query q, Bindings row, List<Bindings> group) throws SimSqlException {
        List<Object> values = new ArrayList<>();
        for (Query.Item item : q.items()) {
            if (item.star()) {
                Tuple t = (Tuple) row;
                for (int r = 0; r < t.relations().size(); r++) {
                    if (item.starQualifier() == null || t.relations().get(r).answersTo(item.starQualifier())) {
                        values.addAll(java.util.Arrays.asList(t.rows()[r]));
                    }
                }
            } else {
                values.add(eval.eval(item.expr(), row, group));
            }
        }
        return values;
    }

    private void sort(Query q, List<List<Object>> out, List<Tuple> tuples, List<SimColumn> columns) throws SimSqlException {
        if (q.orderBy().isEmpty()) {
            return;
        }
        List<Object[]> keys = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Object[] k = new Object[q.orderBy().size()];
            for (int o = 0; o < k.length; o++) {
                Expr e = q.orderBy().get(o).expr();
                int outputIndex = e instanceof Expr.Column c && c.qualifier() == null ? aliasIndex(q, c.name()) : -1;
                if (e instanceof Expr.Literal l && l.value() instanceof Integer ordinal) {
                    // ORDER BY 2 means the second output column
                    if (ordinal < 1 || ordinal > columns.size()) {
                        throw Errors.of(108, 16, "The ORDER BY position number " + ordinal + " is out of range of the"
                                + " number of items in the select list.");
                    }
                    outputIndex = ordinal - 1;
                }
                k[o] = outputIndex >= 0 ? out.get(i).get(outputIndex) : eval.eval(e, tuples.get(i));
            }
            keys.add(k);
        }
        Integer[] idx = new Integer[out.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Comparator<Integer> cmp = (a, b) -> {
            for (int o = 0; o < q.orderBy().size(); o++) {
                Object x = keys.get(a)[o];
                Object y = keys.get(b)[o];
                int c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : Values.compare(x, y);
                if (c != 0) {
                    return q.orderBy().get(o).descending() ? -c : c;
                }
            }
            return 0;
        };
        java.util.Arrays.sort(idx, cmp);
        List<List<Object>> sorted = new ArrayList<>();
        for (Integer i : idx) {
            sorted.add(out.get(i));
        }
        out.clear();
        out.addAll(sorted);
    }

    private static int aliasIndex(Query q, String name) {
        for (int i = 0; i < q.items().size(); i++) {
            if (name.equalsIgnoreCase(q.items().get(i).alias())) {
                return i;
            }
        }
        return -1;
    }

    private void assign(Query q, List<List<Object>> out) throws SimSqlException {
        if (out.isEmpty()) {
            return;
        }
        List<Object> last = out.get(out.size() - 1);
        for (int i = 0; i < q.items().size(); i++) {
            String variable = q.items().get(i).assignTo();
            if (variable != null) {
                ctx.assign(variable, last.get(i));
            }
        }
    }
}
