package io.github.mssqlk8s.sim.engine;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Logins and server-level permissions of one instance. */
final class Security {

    private final Map<String, Login> logins = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Grant> grants = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private int nextPrincipalId = 256;

    Security(String saPassword, LocalDateTime now) {
        logins.put("sa", new Login("sa", 1, new byte[] {1}, true, saPassword, now));
    }

    Optional<Login> login(String name) {
        return Optional.ofNullable(logins.get(name));
    }

    Login findById(int principalId) {
        return logins.values().stream().filter(l -> l.principalId == principalId).findFirst().orElse(null);
    }

    List<Login> logins() {
        return List.copyOf(logins.values());
    }

    Login create(String name, String password, LocalDateTime now) {
        byte[] sid = new byte[16];
        random.nextBytes(sid);
        Login login = new Login(name, nextPrincipalId++, sid, false, password, now);
        logins.put(name, login);
        // SQL Server grants CONNECT SQL to every new login.
        grants.add(new Grant("CONNECT SQL", "SERVER", 0, null, login.principalId));
        return login;
    }

    void drop(Login login) {
        logins.remove(login.name);
        grants.removeIf(g -> g.granteeId() == login.principalId);
    }

    List<Grant> grants() {
        return List.copyOf(grants);
    }

    void grant(Grant g) {
        if (!grants.contains(g)) {
            grants.add(g);
        }
    }

    /** Forgets the grants on a securable that was dropped. */
    void dropGrantsOn(String securableClass, String securable) {
        grants.removeIf(g -> g.securableClass().equals(securableClass) && g.securable().equalsIgnoreCase(securable));
    }

    boolean hasServerPermission(Login login, String permission) {
        return login.sysadmin || hasGrant(login, "CONTROL SERVER", "SERVER", null) || hasGrant(login, permission, "SERVER", null);
    }

    /**
     * SQL Server's documented rule for CREATE AVAILABILITY GROUP: membership in sysadmin AND one of CREATE
     * AVAILABILITY GROUP, ALTER ANY AVAILABILITY GROUP or CONTROL SERVER; the permission alone is not enough.
     */
    boolean mayCreateAvailabilityGroup(Login login) {
        return login.sysadmin && (hasServerPermission(login, "CREATE AVAILABILITY GROUP")
                || hasServerPermission(login, "ALTER ANY AVAILABILITY GROUP"));
    }

    /** CONTROL on a securable implies every permission on it; the server-wide ALTER ANY … implies ALTER/CONTROL. */
    boolean hasPermissionOn(Login login, String permission, String securableClass, String securable, String alterAny) {
        if (hasServerPermission(login, alterAny)) {
            return true;
        }
        return hasGrant(login, "CONTROL", securableClass, securable)
                || hasGrant(login, permission, securableClass, securable);
    }

    boolean anyGrantOn(String permission, String securableClass, String securable) {
        return grants.stream().anyMatch(g -> g.permission().equals(permission) && g.securableClass().equals(securableClass)
                && g.securable() != null && g.securable().equalsIgnoreCase(securable));
    }

    private boolean hasGrant(Login login, String permission, String securableClass, String securable) {
        return grants.stream().anyMatch(g -> g.granteeId() == login.principalId
                && g.permission().equals(permission)
                && g.securableClass().equals(securableClass)
                && (securable == null ? g.securable() == null : securable.equalsIgnoreCase(g.securable())));
    }
}
