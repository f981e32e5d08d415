package io.github.mssqlk8s.sim.engine;

/** The database mirroring endpoint (at most one per instance, as on SQL Server). */
final class Endpoint {

    final String name;
    final int id;
    int port;
    String state;
    String role;
    String certificateName;
    String encryption;
    String algorithm;

    Endpoint(String name, int id) {
        this.name = name;
        this.id = id;
    }
}
