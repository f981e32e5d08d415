package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import io.github.mssqlk8s.sim.SqlType;

/** Built-in scalar functions and {@code @@} variables. */
final class Functions {

    static final String PRODUCT_VERSION = "16.0.4135.4";
    static final String VERSION = "Microsoft SQL Server 2022 (RTM-CU15) (KB5041321) - " + PRODUCT_VERSION
            + " (X64) \n\tJul 25 2024 12:00:00 \n\tCopyright (C) 2022 Microsoft Corporation\n\tDeveloper Edition"
            + " (64-bit) on Linux (mssql-k8s simulator) <X64>";

    private Functions() {
    }

    static Object systemVariable(String name, ExecContext ctx) throws SimSqlException {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "@@SERVERNAME" -> ctx.instance.name;
            case "@@SPID" -> (short) ctx.session.spid;
            case "@@VERSION" -> VERSION.replace(PRODUCT_VERSION, ctx.instance.productVersion());
            case "@@TRANCOUNT" -> ctx.session.tranCount;
            case "@@SERVICENAME" -> "MSSQLSERVER";
            default -> throw Errors.of(137, 15, "Must declare the scalar variable \"" + name + "\".");
        };
    }

    static Object call(String name, List<Object> args, ExecContext ctx) throws SimSqlException {
        SimulatedInstance in = ctx.instance;
        return switch (name) {
            case "DB_NAME" -> args.isEmpty() ? ctx.session.database() : in.databases.values().stream()
                    .filter(d -> Values.equal(d.id, args.get(0))).map(d -> d.name).findFirst().orElse(null);
            case "DB_ID" -> {
                String db = args.isEmpty() ? ctx.session.database() : (String) args.get(0);
                Database d = db == null ? null : in.databases.get(db);
                yield d == null ? null : d.id;
            }
            case "SERVERPROPERTY" -> serverProperty(String.valueOf(args.get(0)), in);
            case "SESSION_CONTEXT" -> ctx.session.sessionContext.get(String.valueOf(args.get(0)));
            case "CERT_ID" -> {
                Certificate c = in.certificates.get(String.valueOf(args.get(0)));
                yield c == null ? null : c.id;
            }
            case "CERTENCODED" -> {
                Certificate c = args.get(0) == null ? null : in.certificateById(Values.toDecimal(args.get(0)).intValue());
                yield c == null ? null : CertificateBlobs.encodePublic(c);
            }
            case "CERTPRIVATEKEY" -> {
                Certificate c = args.get(0) == null ? null : in.certificateById(Values.toDecimal(args.get(0)).intValue());
                yield c == null || c.privateKey == null || args.size() < 2 || args.get(1) == null ? null
                        : CertificateBlobs.encodePrivate(c, args.get(1).toString());
            }
            case "SUSER_NAME", "SUSER_SNAME", "ORIGINAL_LOGIN" -> ctx.session.login.name;
            case "IS_SRVROLEMEMBER" -> "sysadmin".equalsIgnoreCase(String.valueOf(args.get(0)))
                    ? (ctx.session.login.sysadmin ? 1 : 0) : 0;
            case "HAS_PERMS_BY_NAME" -> hasPermsByName(args, ctx);
            case "OBJECT_ID" -> objectId(String.valueOf(args.get(0)), ctx);
            case "GETDATE", "SYSDATETIME", "GETUTCDATE", "SYSUTCDATETIME", "CURRENT_TIMESTAMP" -> LocalDateTime.now(ZoneOffset.UTC);
            case "NEWID" -> UUID.randomUUID();
            case "CAST" -> cast(args.get(0), (String) args.get(1));
            case "LIKE" -> like(args.get(0), args.get(1));
            case "ISNULL" -> args.get(0) != null ? args.get(0) : args.get(1);
            case "COALESCE" -> args.stream().filter(a -> a != null).findFirst().orElse(null);
            case "LEN" -> args.get(0) == null ? null : args.get(0).toString().stripTrailing().length();
            case "UPPER" -> args.get(0) == null ? null : args.get(0).toString().toUpperCase(Locale.ROOT);
            case "LOWER" -> args.get(0) == null ? null : args.get(0).toString().toLowerCase(Locale.ROOT);
            default -> throw Errors.of(195, 15, "'" + name + "' is not a recognized built-in function name.");
        };
    }

    private static Object cast(Object value, String type) throws SimSqlException {
        if (type.equals("DATETIME2")) {
            return dateTime2(value);
        }
        SqlType target = switch (type) {
            case "INT" -> SqlType.INT;
            case "BIGINT" -> SqlType.BIGINT;
            case "SMALLINT" -> SqlType.SMALLINT;
            case "TINYINT" -> SqlType.TINYINT;
            case "BIT" -> SqlType.BIT;
            case "NVARCHAR", "NCHAR", "SYSNAME" -> SqlType.NVARCHAR;
            case "VARCHAR", "CHAR" -> SqlType.VARCHAR;
            case "DECIMAL", "NUMERIC" -> SqlType.DECIMAL;
            case "UNIQUEIDENTIFIER" -> SqlType.UNIQUEIDENTIFIER;
            default -> throw Errors.of(243, 16, "Type " + type + " is not a defined system type.");
        };
        try {
            Object v = Values.coerce(value, target);
            return target == SqlType.TINYINT || target == SqlType.SMALLINT ? (Object) ((Number) v).shortValue() : v;
        } catch (RuntimeException e) {
            throw Errors.of(245, 16, "Conversion failed when converting the value '" + value + "' to data type "
                    + type.toLowerCase(Locale.ROOT) + ".");
        }
    }

    /** ISO 8601 text (as the agents send deadlines) to a DATETIME2 value. */
    private static Object dateTime2(Object value) throws SimSqlException {
        if (value == null || value instanceof LocalDateTime) {
            return value;
        }
        try {
            return LocalDateTime.parse(value.toString().trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw Errors.of(241, 16, "Conversion failed when converting date and/or time from character string.");
        }
    }

    /** LIKE with % and _ (no [ ] classes), case-insensitive as the default collation. */
    private static Object like(Object value, Object pattern) {
        if (value == null || pattern == null) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toString().toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL)
                .matcher(value.toString()).matches();
    }

    private static Object serverProperty(String property, SimulatedInstance in) {
        return switch (property.toLowerCase(Locale.ROOT)) {
            case "servername", "machinename", "computernamephysicalnetbios" -> in.name;
            case "instancename" -> null;
            case "ishadrenabled" -> in.options.hadrEnabled ? 1 : 0;
            case "hadrmanagerstatus" -> in.options.hadrEnabled ? 1 : 0;
            case "productversion" -> in.productVersion();
            case "productlevel" -> "RTM";
            case "productmajorversion" -> in.productVersion().split("\\.")[0];
            case "edition" -> "Developer Edition (64-bit)";
            case "engineedition" -> 3;
            case "isclustered" -> 0;
            default -> null;
        };
    }

    /** HAS_PERMS_BY_NAME(securable, class, permission) for SERVER, ENDPOINT and AVAILABILITY GROUP. */
    private static Object hasPermsByName(List<Object> args, ExecContext ctx) {
        String securable = args.get(0) == null ? null : args.get(0).toString();
        String cls = args.get(1) == null ? "SERVER" : args.get(1).toString().toUpperCase(Locale.ROOT);
        String permission = String.valueOf(args.get(2)).toUpperCase(Locale.ROOT);
        Security sec = ctx.instance.security;
        Login login = ctx.session.login;
        return switch (cls) {
            case "SERVER" -> sec.hasServerPermission(login, permission) ? 1 : 0;
            case "ENDPOINT" -> sec.hasPermissionOn(login, permission, "ENDPOINT", securable, "ALTER ANY ENDPOINT") ? 1 : 0;
            case "AVAILABILITY GROUP" -> sec.hasPermissionOn(login, permission, "AVAILABILITY GROUP", securable,
                    "ALTER ANY AVAILABILITY GROUP") ? 1 : 0;
            default -> login.sysadmin ? 1 : 0;
        };
    }

    private static Object objectId(String name, ExecContext ctx) {
        String[] parts = name.replace("[", "").replace("]", "").split("\\.");
        String table = parts[parts.length - 1];
        String db = parts.length >= 3 ? parts[0] : ctx.session.database();
        Database d = ctx.instance.databases.get(db);
        if (d == null || !d.tables.containsKey(table)) {
            return null;
        }
        return UserTable.objectId(d.tables.get(table).name);
    }
}
