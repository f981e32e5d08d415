package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Logins, GRANT, the database master key, certificates and the mirroring endpoint. */
final class SecurityStatements {

    private SecurityStatements() {
    }

    static Statement.Action parse(TokenCursor in) throws SimSqlException {
        String verb = in.next().text().toUpperCase(Locale.ROOT);
        String object = in.next().text().toUpperCase(Locale.ROOT);
        return switch (verb + " " + object) {
            case "CREATE LOGIN" -> createLogin(in);
            case "ALTER LOGIN" -> alterLogin(in);
            case "DROP LOGIN" -> dropLogin(in.identifier());
            case "CREATE MASTER" -> masterKey(in, false);
            case "ALTER MASTER" -> masterKey(in, true);
            case "CREATE CERTIFICATE" -> createCertificate(in);
            case "DROP CERTIFICATE" -> dropCertificate(in.identifier());
            case "CREATE ENDPOINT" -> endpoint(in, true);
            case "ALTER ENDPOINT" -> endpoint(in, false);
            case "DROP ENDPOINT" -> dropEndpoint(in.identifier());
            default -> throw in.syntaxError();
        };
    }

    private static void requireSysadmin(ExecContext ctx) throws SimSqlException {
        if (!ctx.session.login.sysadmin) {
            throw Errors.noPermission();
        }
    }

    // ---- logins ----

    private static Statement.Action createLogin(TokenCursor in) throws SimSqlException {
        String name = in.identifier();
        in.expectWords("WITH");
        Map<String, Object> options = options(in);
        String password = (String) options.get("PASSWORD");
        if (password == null) {
            throw in.syntaxError();
        }
        return ctx -> {
            if (!ctx.instance.security.hasServerPermission(ctx.session.login, "ALTER ANY LOGIN")) {
                throw Errors.noPermission();
            }
            if (ctx.instance.security.login(name).isPresent()) {
                throw Errors.principalExists(name);
            }
            ctx.instance.security.create(name, password, ctx.instance.now());
            ctx.done(0, false);
        };
    }

    private static Statement.Action alterLogin(TokenCursor in) throws SimSqlException {
        String name = in.identifier();
        in.expectWords("WITH");
        in.expectOption("PASSWORD");
        String password = in.string();
        String oldPassword = null;
        while (in.acceptSymbol(",") || in.isIdentifier()) {
            if (in.acceptWord("OLD_PASSWORD")) {
                in.expectSymbol("=");
                oldPassword = in.string();
            } else if (in.acceptWords("MUST_CHANGE") || in.acceptWord("UNLOCK")) {
                continue;
            } else if (in.isWord("CHECK_POLICY") || in.isWord("CHECK_EXPIRATION") || in.isWord("DEFAULT_DATABASE")) {
                in.next();
                in.expectSymbol("=");
                in.next();
            } else {
                break;
            }
        }
        String old = oldPassword;
        return ctx -> {
            Login target = ctx.instance.security.login(name).orElseThrow(() -> Errors.cannot("alter", "login", name));
            boolean self = target == ctx.session.login;
            boolean admin = ctx.instance.security.hasServerPermission(ctx.session.login, "ALTER ANY LOGIN");
            if (!admin && !(self && old != null)) {
                throw Errors.cannot("alter", "login", name);
            }
            if (old != null && !old.equals(target.password)) {
                throw Errors.cannot("alter", "login", name);
            }
            target.password = password;
            ctx.done(0, false);
        };
    }

    private static Statement.Action dropLogin(String name) {
        return ctx -> {
            requireSysadmin(ctx);
            Login login = ctx.instance.security.login(name).orElseThrow(() -> Errors.cannot("drop", "login", name));
            if (login.principalId == 1) {
                throw Errors.of(15405, 16, "Cannot use the special principal 'sa'.");
            }
            ctx.instance.security.drop(login);
            ctx.done(0, false);
        };
    }

    // ---- GRANT ----

    /** {@code GRANT perm [, perm] [ON class::[name]] TO [login] [, …]}. */
    static Statement.Action grant(TokenCursor in) throws SimSqlException {
        in.expectWords("GRANT");
        List<String> permissions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        while (!in.isWord("ON") && !in.isWord("TO")) {
            if (in.atStatementEnd()) {
                throw in.syntaxError();
            }
            if (in.acceptSymbol(",")) {
                permissions.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(current.length() == 0 ? "" : " ").append(in.next().text().toUpperCase(Locale.ROOT));
        }
        permissions.add(current.toString());
        String securableClass = "SERVER";
        String securable = null;
        if (in.acceptWord("ON")) {
            if (in.acceptWords("AVAILABILITY", "GROUP")) {
                securableClass = "AVAILABILITY GROUP";
            } else if (in.acceptWord("ENDPOINT")) {
                securableClass = "ENDPOINT";
            } else {
                throw in.syntaxError();
            }
            in.expectSymbol("::");
            securable = in.identifier();
        }
        in.expectWords("TO");
        List<String> grantees = new ArrayList<>();
        do {
            grantees.add(in.identifier());
        } while (in.acceptSymbol(","));
        if (in.acceptWords("WITH", "GRANT", "OPTION")) {
            // accepted; grant options are not modelled
        }
        String cls = securableClass;
        String target = securable;
        return ctx -> {
            SimulatedInstance instance = ctx.instance;
            if (!ctx.session.login.sysadmin) {
                throw Errors.of(4613, 16, "Grantor does not have GRANT permission.");
            }
            int majorId = switch (cls) {
                case "ENDPOINT" -> {
                    if (instance.endpoint == null || !instance.endpoint.name.equalsIgnoreCase(target)) {
                        throw Errors.cannot("find", "endpoint", target);
                    }
                    yield instance.endpoint.id;
                }
                case "AVAILABILITY GROUP" -> {
                    AvailabilityGroupState ag = instance.availabilityGroups.get(target);
                    if (ag == null) {
                        throw Errors.cannot("find", "availability group", target);
                    }
                    yield ag.numericId;
                }
                default -> 0;
            };
            for (String grantee : grantees) {
                Login login = instance.security.login(grantee).orElseThrow(() -> Errors.cannot("find", "login", grantee));
                for (String permission : permissions) {
                    instance.security.grant(new Grant(permission, cls, majorId, target, login.principalId));
                }
            }
            ctx.done(0, false);
        };
    }

    // ---- master key ----

    private static Statement.Action masterKey(TokenCursor in, boolean alter) throws SimSqlException {
        in.expectWords("KEY");
        if (alter) {
            in.acceptWord("FORCE");
            in.expectWords("REGENERATE", "WITH");
        }
        in.expectWords("ENCRYPTION", "BY");
        in.expectOption("PASSWORD");
        in.string();
        return ctx -> {
            requireSysadmin(ctx);
            SimulatedInstance instance = ctx.instance;
            if (!alter && instance.masterKey) {
                throw Errors.of(15578, 16, "There is already a master key in the database. Please drop it before"
                        + " performing this statement.");
            }
            if (alter && !instance.masterKey) {
                throw Errors.of(15151, 16, "Cannot alter the master key, because it does not exist or you do not have permission.");
            }
            instance.masterKey = true;
            instance.masterKeyModified = instance.now();
            ctx.done(0, false);
        };
    }

    // ---- certificates ----

    private static Statement.Action createCertificate(TokenCursor in) throws SimSqlException {
        String name = in.identifier();
        if (in.acceptWord("AUTHORIZATION")) {
            in.identifier();
        }
        if (in.acceptWord("FROM")) {
            in.expectOption("BINARY");
            byte[] publicBlob = in.binary();
            byte[] keyBlob = null;
            String password = null;
            if (in.acceptWords("WITH", "PRIVATE", "KEY")) {
                in.expectSymbol("(");
                do {
                    if (in.acceptWord("BINARY")) {
                        in.expectSymbol("=");
                        keyBlob = in.binary();
                    } else {
                        in.expectWords("DECRYPTION", "BY");
                        in.expectOption("PASSWORD");
                        password = in.string();
                    }
                } while (in.acceptSymbol(","));
                in.expectSymbol(")");
            }
            byte[] key = keyBlob;
            String pwd = password;
            return ctx -> importCertificate(ctx, name, publicBlob, key, pwd);
        }
        in.expectWords("WITH");
        Map<String, Object> options = options(in);
        String subject = (String) options.get("SUBJECT");
        if (subject == null) {
            throw in.syntaxError();
        }
        Object expiry = options.get("EXPIRY_DATE");
        return ctx -> {
            LocalDateTime start = ctx.instance.now().withNano(0);
            LocalDateTime end = expiry == null ? start.plusYears(1)
                    : LocalDateTime.parse(expiry.toString().length() == 10 ? expiry + "T00:00:00" : expiry.toString().replace(' ', 'T'));
            add(ctx, new Certificate(name, 0, CertificateBlobs.random(16), subject, start, end, CertificateBlobs.random(32)));
        };
    }

    private static void importCertificate(ExecContext ctx, String name, byte[] publicBlob, byte[] keyBlob, String password)
            throws SimSqlException {
        CertificateBlobs.PublicPart pub = CertificateBlobs.decodePublic(publicBlob);
        byte[] key = keyBlob == null ? null : CertificateBlobs.decodePrivate(keyBlob, password, pub.identity());
        add(ctx, new Certificate(name, 0, pub.identity(), pub.subject(), pub.start(), pub.expiry(), key));
    }

    /** Stores a certificate; a private key is protected by the master key, which must exist. */
    private static void add(ExecContext ctx, Certificate template) throws SimSqlException {
        requireSysadmin(ctx);
        SimulatedInstance instance = ctx.instance;
        if (instance.certificates.containsKey(template.name)) {
            throw Errors.of(15232, 16, "A certificate with name '" + template.name + "' already exists or this"
                    + " certificate already has been added to the database.");
        }
        if (template.privateKey != null && !instance.masterKey) {
            throw Errors.of(15581, 16, "Please create a master key in the database or open the master key in the"
                    + " session before performing this operation.");
        }
        instance.certificates.put(template.name, new Certificate(template.name, instance.newCertificateId(),
                template.identity, template.subject, template.startDate, template.expiryDate, template.privateKey));
        ctx.done(0, false);
    }

    private static Statement.Action dropCertificate(String name) {
        return ctx -> {
            requireSysadmin(ctx);
            SimulatedInstance instance = ctx.instance;
            if (!instance.certificates.containsKey(name)) {
                throw Errors.cannot("drop", "certificate", name);
            }
            if (instance.endpoint != null && name.equalsIgnoreCase(instance.endpoint.certificateName)) {
                throw Errors.simulator("The certificate '" + name + "' cannot be dropped because the endpoint '"
                        + instance.endpoint.name + "' authenticates with it.");
            }
            instance.certificates.remove(name);
            ctx.done(0, false);
        };
    }

    // ---- endpoint ----

    private record EndpointSpec(String state, Integer port, String role, String certificate, String encryption,
            String algorithm) {
    }

    private static Statement.Action endpoint(TokenCursor in, boolean create) throws SimSqlException {
        String name = in.identifier();
        if (in.acceptWord("AUTHORIZATION")) {
            in.identifier();
        }
        String state = null;
        Integer port = null;
        String role = null;
        String certificate = null;
        String encryption = null;
        String algorithm = null;
        if (in.acceptWord("STATE")) {
            in.expectSymbol("=");
            state = in.identifier().toUpperCase(Locale.ROOT);
        }
        if (in.acceptWords("AS", "TCP")) {
            in.expectSymbol("(");
            do {
                String option = in.identifier().toUpperCase(Locale.ROOT);
                in.expectSymbol("=");
                if (option.equals("LISTENER_PORT")) {
                    port = in.integer();
                } else {
                    skipValue(in);
                }
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
        }
        if (in.acceptWords("FOR", "DATABASE_MIRRORING")) {
            in.expectSymbol("(");
            do {
                String option = in.identifier().toUpperCase(Locale.ROOT);
                in.expectSymbol("=");
                switch (option) {
                    case "ROLE" -> role = in.identifier().toUpperCase(Locale.ROOT);
                    case "AUTHENTICATION" -> {
                        in.expectWords("CERTIFICATE");
                        certificate = in.identifier();
                    }
                    case "ENCRYPTION" -> {
                        encryption = in.identifier().toUpperCase(Locale.ROOT);
                        if (in.acceptWord("ALGORITHM")) {
                            algorithm = in.identifier().toUpperCase(Locale.ROOT);
                            if (in.isIdentifier() && !in.isSymbol(",")) {
                                algorithm += " " + in.identifier().toUpperCase(Locale.ROOT);
                            }
                        }
                    }
                    default -> skipValue(in);
                }
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
        } else if (create) {
            throw in.syntaxError();
        }
        EndpointSpec spec = new EndpointSpec(state, port, role, certificate, encryption, algorithm);
        return ctx -> applyEndpoint(ctx, name, create, spec);
    }

    private static void applyEndpoint(ExecContext ctx, String name, boolean create, EndpointSpec spec) throws SimSqlException {
        SimulatedInstance instance = ctx.instance;
        Security security = instance.security;
        Endpoint e;
        if (create) {
            if (!security.hasServerPermission(ctx.session.login, "CREATE ENDPOINT")) {
                throw Errors.permissionDeniedInDatabase("CREATE ENDPOINT", "master");
            }
            if (instance.endpoint != null) {
                throw Errors.of(7862, 16, "An endpoint of the requested type already exists.  Only one endpoint of"
                        + " this type is supported.  Use ALTER ENDPOINT or DROP the existing endpoint and execute the"
                        + " CREATE ENDPOINT command.");
            }
            e = new Endpoint(name, instance.newObjectId());
            e.state = "STOPPED";
            e.port = 5022;
            e.role = "ALL";
            e.encryption = "REQUIRED";
            e.algorithm = "AES";
        } else {
            e = instance.endpoint;
            if (e == null || !e.name.equalsIgnoreCase(name)
                    || !security.hasPermissionOn(ctx.session.login, "ALTER", "ENDPOINT", name, "ALTER ANY ENDPOINT")) {
                throw Errors.cannot("alter", "endpoint", name);
            }
        }
        String cert = spec.certificate() != null ? spec.certificate() : e.certificateName;
        if (cert == null || !instance.certificates.containsKey(cert)) {
            throw Errors.of(15151, 16, "Cannot find the certificate '" + cert
                    + "', because it does not exist or you do not have permission.");
        }
        if (spec.state() != null) {
            e.state = spec.state();
        }
        if (spec.port() != null) {
            e.port = spec.port();
        }
        if (spec.role() != null) {
            e.role = spec.role();
        }
        if (spec.encryption() != null) {
            e.encryption = spec.encryption();
        }
        if (spec.algorithm() != null) {
            e.algorithm = spec.algorithm();
        }
        e.certificateName = cert;
        instance.endpoint = e;
        ctx.done(0, false);
    }

    private static Statement.Action dropEndpoint(String name) {
        return ctx -> {
            SimulatedInstance instance = ctx.instance;
            if (instance.endpoint == null || !instance.endpoint.name.equalsIgnoreCase(name)
                    || !instance.security.hasPermissionOn(ctx.session.login, "CONTROL", "ENDPOINT", name, "ALTER ANY ENDPOINT")) {
                throw Errors.cannot("drop", "endpoint", name);
            }
            instance.endpoint = null;
            instance.security.dropGrantsOn("ENDPOINT", name);
            ctx.done(0, false);
        };
    }

    // ---- helpers ----

    /** {@code NAME = value [, NAME = value]}: strings, numbers, words (ON/OFF), dates as strings. */
    static Map<String, Object> options(TokenCursor in) throws SimSqlException {
        Map<String, Object> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        do {
            String key = in.identifier().toUpperCase(Locale.ROOT);
            in.expectSymbol("=");
            Token v = in.next();
            out.put(key, switch (v.kind()) {
                case STRING, NUMBER, BINARY -> v.value();
                case WORD, QUOTED_IDENT -> v.name().toUpperCase(Locale.ROOT);
                default -> throw Errors.syntax(v.text());
            });
        } while (in.acceptSymbol(","));
        return out;
    }

    private static void skipValue(TokenCursor in) throws SimSqlException {
        if (in.acceptSymbol("(")) {
            int depth = 1;
            while (depth > 0) {
                if (in.atEnd()) {
                    throw in.syntaxError();
                }
                Token t = in.next();
                depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            }
            return;
        }
        in.next();
    }
}
