package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.util.Locale;

/** CREATE / ALTER / DROP ENDPOINT … FOR DATABASE_MIRRORING. */
final class EndpointStatements {

    private EndpointStatements() {
    }

    static Statement.Action parse(TokenCursor in) throws SimSqlException {
        String verb = in.next().text().toUpperCase(Locale.ROOT);
        in.expectWords("ENDPOINT");
        return switch (verb) {
            case "CREATE" -> endpoint(in, true);
            case "ALTER" -> endpoint(in, false);
            default -> dropEndpoint(in.identifier());
        };
    }


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
