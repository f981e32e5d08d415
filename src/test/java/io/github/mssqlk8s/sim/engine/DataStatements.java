package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimSqlException;
import io.github.mssqlk8s.sim.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Databases (CREATE/ALTER/DROP/BACKUP), user tables (CREATE TABLE, INSERT) and transactions. */
final class DataStatements {

    private static final List<String> DATABASE_STATES = List.of("ONLINE", "OFFLINE", "EMERGENCY");

    private DataStatements() {
    }

    static Statement.Action ddl(TokenCursor in) throws SimSqlException {
        String verb = in.next().text().toUpperCase(Locale.ROOT);
        String object = in.next().text().toUpperCase(Locale.ROOT);
        return switch (verb + " " + object) {
            case "CREATE DATABASE" -> createDatabase(in.identifier());
            case "ALTER DATABASE" -> alterDatabase(in);
            case "DROP DATABASE" -> dropDatabase(in.identifier());
            case "CREATE TABLE" -> createTable(in);
            default -> throw in.syntaxError();
        };
    }

    private static void requireAlterAnyDatabase(ExecContext ctx, String db) throws SimSqlException {
        if (!ctx.instance.security.hasServerPermission(ctx.session.login, "ALTER ANY DATABASE")) {
            throw Errors.of(5011, 14, "User does not have permission to alter database '" + db
                    + "', the database does not exist, or the database is not in a state that allows access checks.");
        }
    }

    private static Statement.Action createDatabase(String name) {
        return ctx -> {
            SimulatedInstance instance = ctx.instance;
            if (!instance.security.hasServerPermission(ctx.session.login, "CREATE ANY DATABASE")
                    && !instance.security.hasServerPermission(ctx.session.login, "ALTER ANY DATABASE")) {
                throw Errors.permissionDeniedInDatabase("CREATE DATABASE", "master");
            }
            if (instance.databases.containsKey(name)) {
                throw Errors.of(1801, 16, "Database '" + name + "' already exists. Choose a different database name.");
            }
            instance.databases.put(name, new Database(instance.newDatabaseId(), name, instance.now()));
            ctx.done(0, false);
        };
    }

    private static Statement.Action alterDatabase(TokenCursor in) throws SimSqlException {
        String name = in.identifier();
        in.expectWords("SET");
        if (in.acceptWord("RECOVERY")) {
            String model = in.identifier().toUpperCase(Locale.ROOT);
            if (!List.of("FULL", "SIMPLE", "BULK_LOGGED").contains(model)) {
                throw Errors.syntax(model);
            }
            in.acceptWords("WITH", "NO_WAIT");
            return ctx -> {
                requireAlterAnyDatabase(ctx, name);
                ctx.instance.database(name).recoveryModel = model;
                ctx.done(0, false);
            };
        }
        if (in.acceptWord("HADR")) {
            return hadr(name, in.identifier().toUpperCase(Locale.ROOT));
        }
        String state = in.identifier().toUpperCase(Locale.ROOT);
        if (!DATABASE_STATES.contains(state)) {
            throw Errors.syntax(state);
        }
        return ctx -> {
            requireAlterAnyDatabase(ctx, name);
            ctx.instance.database(name).forcedState = state.equals("ONLINE") ? null : state;
            ctx.done(0, false);
        };
    }

    /**
     * {@code ALTER DATABASE d SET HADR RESUME | SUSPEND} on a replica of the database's availability group: data
     * movement to a secondary resumes or stops. Suspending on the primary (every secondary at once) is not modelled.
     */
    private static Statement.Action hadr(String name, String verb) throws SimSqlException {
        if (!verb.equals("RESUME") && !verb.equals("SUSPEND")) {
            throw Errors.syntax(verb);
        }
        return ctx -> {
            requireAlterAnyDatabase(ctx, name);
            Database db = ctx.instance.database(name);
            AvailabilityGroupState ag = db.availabilityGroup == null ? null
                    : ctx.instance.availabilityGroups.get(db.availabilityGroup);
            if (ag == null) {
                throw Errors.simulator("Database '" + name + "' is not an availability database on this replica.");
            }
            if (verb.equals("SUSPEND") && ag.localRole == AvailabilityGroupState.Role.PRIMARY) {
                throw Errors.simulator("SET HADR SUSPEND on the primary replica is not modelled.");
            }
            db.suspended = verb.equals("SUSPEND");
            ctx.done(0, false);
        };
    }

    private static Statement.Action dropDatabase(String name) {
        return ctx -> {
            requireAlterAnyDatabase(ctx, name);
            Database db = ctx.instance.database(name);
            if (db.isSystem()) {
                throw Errors.of(3708, 16, "Cannot drop the database '" + name + "' because it is a system database.");
            }
            if (db.availabilityGroup != null && ctx.instance.availabilityGroups.containsKey(db.availabilityGroup)) {
                throw Errors.of(3752, 16, "The database '" + name + "' is currently joined to an availability group."
                        + "  Before you can drop the database, you need to remove it from the availability group.");
            }
            ctx.instance.databases.remove(name);
            ctx.done(0, false);
        };
    }

    /** {@code BACKUP DATABASE d TO DISK = N'…' [WITH …]}: writes nothing; makes the database eligible for an AG. */
    static Statement.Action backup(TokenCursor in) throws SimSqlException {
        in.expectWords("BACKUP");
        boolean log = in.acceptWord("LOG");
        if (!log) {
            in.expectWords("DATABASE");
        }
        String name = in.identifier();
        in.expectWords("TO", "DISK");
        in.expectSymbol("=");
        in.string();
        if (in.acceptWord("WITH")) {
            do {
                in.identifier();
                if (in.acceptSymbol("=")) {
                    in.next();
                }
            } while (in.acceptSymbol(","));
        }
        return ctx -> {
            SimulatedInstance instance = ctx.instance;
            if (!instance.security.hasServerPermission(ctx.session.login, "ALTER ANY DATABASE")) {
                throw Errors.permissionDeniedInDatabase("BACKUP DATABASE", name);
            }
            Database db = instance.database(name);
            instance.ensureReadable(db);
            if (log && !db.backedUp) {
                throw Errors.of(4214, 16, "BACKUP LOG cannot be performed because there is no current database backup.");
            }
            db.backedUp = true;
            ctx.info("BACKUP DATABASE successfully processed 0 pages in 0.001 seconds (0.000 MB/sec).");
            ctx.done(0, false);
        };
    }

    private static Statement.Action createTable(TokenCursor in) throws SimSqlException {
        List<String> parts = in.multipartName();
        String table = parts.get(parts.size() - 1);
        in.expectSymbol("(");
        List<SimColumn> columns = new ArrayList<>();
        int key = -1;
        do {
            if (in.acceptWords("PRIMARY", "KEY")) {
                in.expectSymbol("(");
                String keyColumn = in.identifier();
                in.expectSymbol(")");
                key = indexOf(columns, keyColumn);
                if (key < 0) {
                    throw Errors.invalidColumn(keyColumn);
                }
                continue;
            }
            String column = in.identifier();
            columns.add(columnType(in, column));
            while (!in.isSymbol(",") && !in.isSymbol(")")) {
                if (in.acceptWords("PRIMARY", "KEY")) {
                    key = columns.size() - 1;
                } else if (in.acceptWord("NOT") || in.acceptWord("NULL") || in.acceptWord("CLUSTERED")) {
                    continue;
                } else if (in.acceptWord("IDENTITY")) {
                    throw Errors.simulator("IDENTITY columns are not supported by the simulator.");
                } else if (in.acceptWord("DEFAULT")) {
                    new ExprParser(in).parse();
                } else {
                    throw in.syntaxError();
                }
            }
        } while (in.acceptSymbol(","));
        in.expectSymbol(")");
        int keyIndex = key;
        return ctx -> {
            Database db = ctx.instance.database(ctx.session.database());
            if (db.tables.containsKey(table)) {
                throw Errors.of(2714, 16, "There is already an object named '" + table + "' in the database.");
            }
            if (CommitPath.write(ctx, db, new LogOp.CreateTable(table, columns, keyIndex))) {
                ctx.done(0, false);
            }
        };
    }

    private static int indexOf(List<SimColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static SimColumn columnType(TokenCursor in, String column) throws SimSqlException {
        String type = in.identifier().toUpperCase(Locale.ROOT);
        int length = 0;
        if (in.acceptSymbol("(")) {
            length = in.acceptWord("MAX") ? -1 : in.integer();
            if (in.acceptSymbol(",")) {
                in.integer();
            }
            in.expectSymbol(")");
        }
        SqlType sqlType = switch (type) {
            case "INT" -> SqlType.INT;
            case "BIGINT" -> SqlType.BIGINT;
            case "SMALLINT" -> SqlType.SMALLINT;
            case "TINYINT" -> SqlType.TINYINT;
            case "BIT" -> SqlType.BIT;
            case "NVARCHAR", "NCHAR", "SYSNAME" -> SqlType.NVARCHAR;
            case "VARCHAR", "CHAR" -> SqlType.VARCHAR;
            case "VARBINARY", "BINARY" -> SqlType.VARBINARY;
            case "DATETIME2", "DATETIME" -> SqlType.DATETIME2;
            case "DATETIMEOFFSET" -> SqlType.DATETIMEOFFSET;
            case "UNIQUEIDENTIFIER" -> SqlType.UNIQUEIDENTIFIER;
            case "DECIMAL", "NUMERIC" -> SqlType.DECIMAL;
            default -> throw Errors.of(2715, 16, "Column, parameter, or variable #1: Cannot find data type " + type + ".");
        };
        SimColumn base = SimColumn.of(column, sqlType);
        return length != 0 ? new SimColumn(column, sqlType, length, base.precision(), base.scale(), true) : base;
    }

    /** {@code INSERT [INTO] t [(cols)] VALUES (…) [, (…)]}. */
    static Statement.Action insert(TokenCursor in) throws SimSqlException {
        in.expectWords("INSERT");
        in.acceptWord("INTO");
        List<String> parts = in.multipartName();
        List<String> names = new ArrayList<>();
        if (in.acceptSymbol("(")) {
            do {
                names.add(in.identifier());
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
        }
        in.expectWords("VALUES");
        List<List<Expr>> rows = new ArrayList<>();
        ExprParser expressions = new ExprParser(in);
        do {
            in.expectSymbol("(");
            List<Expr> row = new ArrayList<>();
            do {
                row.add(expressions.parse());
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
            rows.add(row);
        } while (in.acceptSymbol(","));
        return ctx -> {
            String dbName = parts.size() >= 3 ? parts.get(parts.size() - 3) : ctx.session.database();
            Database db = ctx.instance.database(dbName);
            UserTable table = db.tables.get(parts.get(parts.size() - 1));
            if (table == null) {
                throw Errors.invalidObject(String.join(".", parts));
            }
            List<Object[]> values = new ArrayList<>();
            for (List<Expr> row : rows) {
                values.add(rowValues(ctx, table, names, row));
            }
            for (Object[] v : values) {
                checkKey(ctx, db, table, v, values);
            }
            for (Object[] v : values) {
                if (!CommitPath.write(ctx, db, new LogOp.InsertRow(table.name, v))) {
                    return;
                }
            }
            ctx.done(values.size(), true);
        };
    }

    private static Object[] rowValues(ExecContext ctx, UserTable table, List<String> names, List<Expr> exprs)
            throws SimSqlException {
        int count = names.isEmpty() ? table.columns.size() : names.size();
        if (exprs.size() != count) {
            throw Errors.of(110, 15, "There are fewer columns in the INSERT statement than values specified in the"
                    + " VALUES clause. The number of values in the VALUES clause must match the number of columns"
                    + " specified in the INSERT statement.");
        }
        Object[] row = new Object[table.columns.size()];
        for (int i = 0; i < count; i++) {
            int target = names.isEmpty() ? i : table.columnIndex(names.get(i));
            if (target < 0) {
                throw Errors.invalidColumn(names.get(i));
            }
            Object v = ctx.eval(exprs.get(i));
            try {
                row[target] = Values.coerce(v, table.columns.get(target).type());
            } catch (RuntimeException e) {
                throw Errors.of(245, 16, "Conversion failed when converting the value '" + v + "' to data type "
                        + table.columns.get(target).type().name().toLowerCase(Locale.ROOT) + ".");
            }
        }
        return row;
    }

    /** Primary-key check against committed rows and this session's uncommitted ones. */
    private static void checkKey(ExecContext ctx, Database db, UserTable table, Object[] row, List<Object[]> batch)
            throws SimSqlException {
        if (table.keyIndex < 0) {
            return;
        }
        Object key = row[table.keyIndex];
        long inBatch = batch.stream().filter(r -> Values.equal(r[table.keyIndex], key)).count();
        boolean pending = ctx.session.pendingWrites.stream().anyMatch(w -> w.database().equalsIgnoreCase(db.name)
                && w.op() instanceof LogOp.InsertRow ins && ins.table().equalsIgnoreCase(table.name)
                && Values.equal(ins.values()[table.keyIndex], key));
        if (key == null || table.containsKey(key) || inBatch > 1 || pending) {
            throw Errors.of(2627, 14, "Violation of PRIMARY KEY constraint 'PK_" + table.name + "'. Cannot insert"
                    + " duplicate key in object 'dbo." + table.name + "'. The duplicate key value is ("
                    + Values.display(key) + ").");
        }
    }

    /** BEGIN TRAN / COMMIT / ROLLBACK (one level of nesting is counted, writes apply at the outer COMMIT). */
    static Statement.Action transaction(TokenCursor in) throws SimSqlException {
        String verb = in.next().text().toUpperCase(Locale.ROOT);
        if (verb.equals("BEGIN")) {
            if (!in.acceptWord("TRAN")) {
                in.expectWords("TRANSACTION");
            }
        } else if (!in.acceptWord("TRAN") && !in.acceptWord("TRANSACTION")) {
            in.acceptWord("WORK");
        }
        if (in.isIdentifier() && !ExprParser.isReserved(in.peek())) {
            in.identifier();
        }
        return switch (verb) {
            case "BEGIN" -> ctx -> ctx.session.tranCount++;
            case "COMMIT" -> ctx -> {
                EngineSession s = ctx.session;
                if (s.tranCount == 0) {
                    throw Errors.of(3902, 16, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.");
                }
                if (--s.tranCount == 0) {
                    List<EngineSession.PendingWrite> writes = new ArrayList<>(s.pendingWrites);
                    s.pendingWrites.clear();
                    CommitPath.commit(ctx, writes);
                }
            };
            default -> ctx -> {
                EngineSession s = ctx.session;
                if (s.tranCount == 0) {
                    throw Errors.of(3903, 16, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.");
                }
                s.tranCount = 0;
                s.pendingWrites.clear();
            };
        };
    }
}
