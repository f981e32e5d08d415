package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * System procedures, called by RPC or by {@code EXEC [@status =] name [@p =] value, …} text: sp_set_session_context,
 * sp_server_diagnostics, sp_getapplock, sp_releaseapplock. An RPC call answers its return status as
 * {@code returnValue(new SimParam(null, INT, status, false))} (a null name means RETURNSTATUS).
 */
final class ProcedureCalls {

    /** An argument: name (with @) or null when positional. */
    record Arg(String name, Expr value) {
    }

    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "sp_set_session_context", List.of("@key", "@value", "@read_only"),
            "sp_server_diagnostics", List.of("@repeat_interval"),
            "sp_getapplock", List.of("@Resource", "@LockMode", "@LockOwner", "@LockTimeout", "@DbPrincipal"),
            "sp_releaseapplock", List.of("@Resource", "@LockOwner", "@DbPrincipal"));

    private ProcedureCalls() {
    }

    static Statement rpc(String procedure, List<SimParam> params) {
        List<Arg> args = new ArrayList<>();
        for (SimParam p : params) {
            args.add(new Arg(p.name(), new Expr.Literal(p.value())));
        }
        String name = baseName(procedure);
        return new Statement(StatementKind.PROCEDURE, "{rpc} " + procedure, ctx -> {
            int status = call(ctx, name, args);
            ctx.returnValue(new SimParam(null, SqlType.INT, status, false));
            ctx.done(0, false);
        });
    }

    static Statement.Action exec(TokenCursor in) throws SimSqlException {
        in.next();
        String statusVariable = null;
        if (in.peek().kind() == Token.Kind.VARIABLE && in.peek(1).isSymbol("=")) {
            statusVariable = in.next().text();
            in.next();
        }
        String name = baseName(String.join(".", in.multipartName()));
        List<Arg> args = new ArrayList<>();
        ExprParser expressions = new ExprParser(in);
        if (!in.atStatementEnd() && !(in.peek().kind() == Token.Kind.WORD && ExprParser.isReserved(in.peek()))) {
            do {
                String argName = null;
                if (in.peek().kind() == Token.Kind.VARIABLE && in.peek(1).isSymbol("=")) {
                    argName = in.next().text();
                    in.next();
                }
                Expr value = in.isIdentifier() && !in.peek(1).isSymbol("(") && !in.peek(1).isSymbol(".")
                        ? new Expr.Literal(in.identifier()) : expressions.parse();
                if (!in.acceptWord("OUTPUT")) {
                    in.acceptWord("OUT");
                }
                args.add(new Arg(argName, value));
            } while (in.acceptSymbol(","));
        }
        String assignTo = statusVariable;
        return ctx -> {
            int status = call(ctx, name, args);
            if (assignTo != null) {
                ctx.assign(assignTo, status);
            }
            ctx.done(0, false);
        };
    }

    private static String baseName(String qualified) {
        String[] parts = qualified.split("\\.");
        return parts[parts.length - 1].toLowerCase(Locale.ROOT);
    }

    private static int call(ExecContext ctx, String name, List<Arg> args) throws SimSqlException {
        List<String> declared = PARAMETERS.get(name);
        if (declared == null) {
            throw Errors.of(2812, 16, "Could not find stored procedure '" + name + "'.");
        }
        Object[] values = bind(ctx, name, declared, args);
        return switch (name) {
            case "sp_set_session_context" -> setSessionContext(ctx, values);
            case "sp_server_diagnostics" -> Diagnostics.run(ctx, values[0]);
            case "sp_getapplock" -> getAppLock(ctx, values);
            default -> releaseAppLock(ctx, values);
        };
    }

    private static Object[] bind(ExecContext ctx, String procedure, List<String> declared, List<Arg> args) throws SimSqlException {
        Object[] values = new Object[declared.size()];
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            int index = a.name() == null ? i : indexOfIgnoreCase(declared, a.name());
            if (index < 0 || index >= values.length) {
                throw Errors.of(8145, 16, (a.name() == null ? "Too many arguments" : a.name() + " is not a parameter")
                        + " for procedure " + procedure + ".");
            }
            values[index] = ctx.eval(a.value());
        }
        return values;
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int setSessionContext(ExecContext ctx, Object[] v) throws SimSqlException {
        if (v[0] == null) {
            throw Errors.of(201, 16, "Procedure or function 'sp_set_session_context' expects parameter '@key', which was not supplied.");
        }
        String key = v[0].toString();
        EngineSession s = ctx.session;
        if (Boolean.TRUE.equals(s.readOnlyContextKeys.get(key.toLowerCase(Locale.ROOT)))) {
            throw Errors.of(15664, 16, "Cannot set key '" + key + "' in the session context. The key has been set as"
                    + " read_only for this session.");
        }
        if (v[1] == null) {
            s.sessionContext.remove(key);
        } else {
            s.sessionContext.put(key, v[1]);
        }
        if (v[2] != null && Values.toDecimal(v[2]).signum() != 0) {
            s.readOnlyContextKeys.put(key.toLowerCase(Locale.ROOT), true);
        }
        return 0;
    }

    /** Every lock mode is treated as Exclusive, every owner as Session (what the agents use). */
    private static int getAppLock(ExecContext ctx, Object[] v) throws SimSqlException {
        if (v[0] == null || v[1] == null) {
            return -999;
        }
        String resource = v[0].toString();
        long timeoutMs = v[3] == null ? -1 : Values.toDecimal(v[3]).longValue();
        String db = ctx.session.database();
        AppLocks locks = ctx.instance.appLocks;
        int spid = ctx.session.spid;
        if (locks.tryAcquire(spid, db, resource)) {
            return 0;
        }
        if (timeoutMs == 0) {
            return -1;
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        boolean[] granted = new boolean[1];
        boolean completed = ctx.await(() -> (granted[0] = locks.tryAcquire(spid, db, resource))
                || (timeoutMs > 0 && System.nanoTime() >= deadline));
        if (!completed) {
            return -2;
        }
        return granted[0] ? 1 : -1;
    }

    private static int releaseAppLock(ExecContext ctx, Object[] v) throws SimSqlException {
        String resource = String.valueOf(v[0]);
        if (!ctx.instance.appLocks.release(ctx.session.spid, ctx.session.database(), resource)) {
            throw Errors.of(1223, 16, "Cannot release the application lock (Database Principal: 'public', Resource: '"
                    + resource + "') because it is not currently held.");
        }
        return 0;
    }
}
