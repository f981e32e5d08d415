package io.github.mssqlk8s.sql;

/**
 * Where and how to reach one SQL Server instance.
 *
 * @param encrypt                {@code true}, {@code false} or {@code strict}, as mssql-jdbc takes it
 * @param trustServerCertificate accept the server's certificate without a chain (the pod's own, on localhost)
 */
public record SqlEndpoint(String host, int port, String encrypt, boolean trustServerCertificate) {

    public String describe() {
        return host + ":" + port;
    }
}
