package io.github.mssqlk8s.sim;

import java.util.List;

/**
 * One request from a client.
 *
 * @param procedure null for a SQL_BATCH or for {@code sp_executesql}/{@code sp_prepexec}/{@code sp_execute}
 *                  (the front end resolves those to their text); otherwise the name of a procedure called by
 *                  RPC, e.g. {@code sp_server_diagnostics}, with {@code text} empty
 * @param text      the T-SQL text
 * @param params    typed parameters, in declaration order; named {@code @p0}… or as declared
 */
public record SimBatch(String procedure, String text, List<SimParam> params) {

    public SimBatch {
        params = List.copyOf(params);
    }

    public static SimBatch sql(String text) {
        return new SimBatch(null, text, List.of());
    }
}
