package io.github.mssqlk8s.sim.engine;

import java.time.LocalDateTime;

/** A SQL login: name, password, whether it is in the sysadmin role. */
final class Login {

    final String name;
    final int principalId;
    final byte[] sid;
    final boolean sysadmin;
    final LocalDateTime created;
    String password;

    Login(String name, int principalId, byte[] sid, boolean sysadmin, String password, LocalDateTime created) {
        this.name = name;
        this.principalId = principalId;
        this.sid = sid;
        this.sysadmin = sysadmin;
        this.password = password;
        this.created = created;
    }
}
