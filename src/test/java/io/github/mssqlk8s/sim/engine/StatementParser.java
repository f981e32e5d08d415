package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a whole SQL_BATCH before anything runs (as SQL Server compiles a batch: a syntax error anywhere
 * runs nothing). Statements end at {@code ;}, at the end of the batch or where the next statement keyword
 * begins; each area's grammar lives in its own class.
 */
final class StatementParser {

    private static final Set<String> STATEMENT_STARTS = Set.of("SELECT", "INSERT", "CREATE", "ALTER", "DROP", "GRANT",
            "USE", "EXEC", "EXECUTE", "BACKUP", "BEGIN", "COMMIT", "ROLLBACK", "DECLARE", "SET", "IF", "PRINT", "THROW");
    private static final Set<String> SESSION_OPTIONS = Set.of("NOCOUNT", "XACT_ABORT", "ANSI_NULLS", "ANSI_PADDING",
            "ANSI_WARNINGS", "ARITHABORT", "CONCAT_NULL_YIELDS_NULL", "QUOTED_IDENTIFIER", "ANSI_NULL_DFLT_ON",
            "IMPLICIT_TRANSACTIONS", "CURSOR_CLOSE_ON_COMMIT", "TEXTSIZE", "LOCK_TIMEOUT", "DATEFORMAT", "DATEFIRST",
            "LANGUAGE", "DEADLOCK_PRIORITY", "TRANSACTION", "NUMERIC_ROUNDABORT", "ROWCOUNT");

    private final TokenCursor in;

    StatementParser(String text) throws SimSqlException {
        this.in = new TokenCursor(text, Tokenizer.tokenize(text));
    }

    List<Statement> parseBatch() throws SimSqlException {
        List<Statement> out = new ArrayList<>();
        while (!in.atEnd()) {
            if (in.acceptSymbol(";")) {
                continue;
            }
            out.add(parseStatement());
            if (!in.atStatementEnd() && !startsStatement(in.peek())) {
                throw in.syntaxError();
            }
        }
        return out;
    }

    private static boolean startsStatement(Token t) {
        return t.kind() == Token.Kind.WORD && STATEMENT_STARTS.contains(t.text().toUpperCase(Locale.ROOT));
    }

    private Statement parseStatement() throws SimSqlException {
        int start = in.position();
        Token first = in.peek();
        if (first.kind() != Token.Kind.WORD) {
            throw in.syntaxError();
        }
        String word = first.text().toUpperCase(Locale.ROOT);
        StatementKind kind = switch (word) {
            case "SELECT" -> StatementKind.QUERY;
            case "INSERT" -> StatementKind.DML;
            case "CREATE", "ALTER", "DROP", "GRANT", "BACKUP" -> StatementKind.DDL;
            case "EXEC", "EXECUTE" -> StatementKind.PROCEDURE;
            default -> StatementKind.SESSION;
        };
        Statement.Action action;
        if (word.equals("IF")) {
            in.next();
            Expr condition = new ExprParser(in).parse();
            Statement inner = parseStatement();
            kind = inner.kind();
            action = ctx -> {
                if (ctx.evaluator().test(condition, Bindings.NONE)) {
                    inner.action().run(ctx);
                } else {
                    ctx.loggedKind(StatementKind.SESSION);
                }
            };
        } else {
            action = switch (word) {
                case "SELECT" -> query();
                case "INSERT" -> DataStatements.insert(in);
                case "CREATE", "ALTER", "DROP", "BACKUP", "GRANT" -> ddl(word);
                case "EXEC", "EXECUTE" -> ProcedureCalls.exec(in);
                case "USE" -> use();
                case "SET" -> set();
                case "DECLARE" -> declare();
                case "PRINT" -> print();
                case "THROW" -> throwError();
                case "BEGIN", "COMMIT", "ROLLBACK" -> DataStatements.transaction(in);
                default -> throw in.syntaxError();
            };
        }
        return new Statement(kind, in.textFrom(start), action);
    }

    private Statement.Action ddl(String word) throws SimSqlException {
        Token object = in.peek(1);
        if (word.equals("GRANT")) {
            return LoginStatements.grant(in);
        }
        if (word.equals("BACKUP")) {
            return DataStatements.backup(in);
        }
        String what = object.kind() == Token.Kind.WORD ? object.text().toUpperCase(Locale.ROOT) : "";
        return switch (what) {
            case "LOGIN" -> LoginStatements.parse(in);
            case "MASTER", "CERTIFICATE" -> CertificateStatements.parse(in);
            case "ENDPOINT" -> EndpointStatements.parse(in);
            case "DATABASE", "TABLE" -> DataStatements.ddl(in);
            case "AVAILABILITY" -> AvailabilityGroupStatements.parse(in);
            default -> throw Errors.syntax(object.text());
        };
    }

    private Statement.Action query() throws SimSqlException {
        Query q = new QueryParser(in).parse();
        return ctx -> new QueryEvaluator(ctx).run(q);
    }

    /** {@code THROW number, message, state}: raises a user error of severity 16 (number 50000 and above). */
    private Statement.Action throwError() throws SimSqlException {
        in.expectWords("THROW");
        Expr number = new ExprParser(in).parse();
        in.expectSymbol(",");
        Expr message = new ExprParser(in).parse();
        in.expectSymbol(",");
        new ExprParser(in).parse();
        return ctx -> {
            Object n = ctx.eval(number);
            Object text = ctx.eval(message);
            throw Errors.of(Values.toDecimal(n).intValue(), 16, String.valueOf(text));
        };
    }

    private Statement.Action use() throws SimSqlException {
        in.expectWords("USE");
        String name = in.identifier();
        return ctx -> {
            Database db = ctx.instance.database(name);
            ctx.instance.ensureReadable(db);
            String old = ctx.session.database();
            ctx.session.useDatabase(db.name);
            ctx.databaseChanged(old, db.name);
        };
    }

    private Statement.Action set() throws SimSqlException {
        in.expectWords("SET");
        if (in.peek().kind() == Token.Kind.VARIABLE) {
            String variable = in.next().text();
            in.expectSymbol("=");
            Expr value = new ExprParser(in).parse();
            return ctx -> ctx.assign(variable, ctx.eval(value));
        }
        if (!SESSION_OPTIONS.contains(in.peek().text().toUpperCase(Locale.ROOT))) {
            throw in.syntaxError();
        }
        // Session options are accepted and ignored: the simulator's behaviour does not depend on them.
        in.next();
        while (!in.atStatementEnd() && !startsStatement(in.peek())) {
            in.next();
        }
        return ctx -> {
        };
    }

    private Statement.Action declare() throws SimSqlException {
        in.expectWords("DECLARE");
        List<String> names = new ArrayList<>();
        List<Expr> initial = new ArrayList<>();
        do {
            if (in.peek().kind() != Token.Kind.VARIABLE) {
                throw in.syntaxError();
            }
            names.add(in.next().text());
            in.acceptWord("AS");
            in.identifier();
            if (in.acceptSymbol("(")) {
                while (!in.acceptSymbol(")")) {
                    if (in.atEnd()) {
                        throw in.syntaxError();
                    }
                    in.next();
                }
            }
            initial.add(in.acceptSymbol("=") ? new ExprParser(in).parse() : null);
        } while (in.acceptSymbol(","));
        return ctx -> {
            for (int i = 0; i < names.size(); i++) {
                ctx.declare(names.get(i), initial.get(i) == null ? null : ctx.eval(initial.get(i)));
            }
        };
    }

    private Statement.Action print() throws SimSqlException {
        in.expectWords("PRINT");
        Expr e = new ExprParser(in).parse();
        return ctx -> ctx.info(Values.display(ctx.eval(e)));
    }
}
