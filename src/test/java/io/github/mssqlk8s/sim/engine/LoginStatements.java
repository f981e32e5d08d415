package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CREATE / ALTER / DROP LOGIN and GRANT. */
final class LoginStatements {

    private LoginStatements() {
    }

    static Statement.Action parse(TokenCursor in) throws SimSqlException {
        String verb = in.next().text().toUpperCase(Locale.ROOT);
        in.expectWords("LOGIN");
        return switch (verb) {
            case "CREATE" -> createLogin(in);
            case "ALTER" -> alterLogin(in);
            default -> dropLogin(in.identifier());
        };
    }


    private static Statement.Action createLogin(TokenCursor in) throws SimSqlException {
        String name = in.identifier();
        in.expectWords("WITH");
        Map<String, Object> options = OptionList.parse(in);
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
            ctx.requireSysadmin();
            Login login = ctx.instance.security.login(name).orElseThrow(() -> Errors.cannot("drop", "login", name));
            if (login.principalId == 1) {
                throw Errors.of(15405, 16, "Cannot use the special principal 'sa'.");
            }
            ctx.instance.security.drop(login);
            ctx.done(0, false);
        };
    }


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
}
