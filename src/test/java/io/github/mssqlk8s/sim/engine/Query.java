package io.github.mssqlk8s.sim.engine;

import java.util.List;

/** A parsed SELECT. */
record Query(Integer top, List<Item> items, List<Source> sources, Expr where, List<Order> orderBy) {

    /**
     * A select-list item: {@code *} / {@code alias.*} (star true), an expression with an optional alias, or
     * {@code @variable = expression} (assignTo set).
     */
    record Item(Expr expr, String alias, boolean star, String starQualifier, String assignTo) {
    }

    /** A FROM or JOIN source; {@code on} is null for the first. */
    record Source(List<String> name, String alias, Expr on) {
    }

    record Order(Expr expr, boolean descending) {
    }
}
