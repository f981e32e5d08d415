package io.github.mssqlk8s.sim.engine;

/** What a logged statement did, so tests can assert e.g. "the second run executed no DDL". */
public enum StatementKind {
    /** CREATE/ALTER/DROP/GRANT/BACKUP: schema, security, endpoint and availability-group changes. */
    DDL,
    /** INSERT. */
    DML,
    /** SELECT. */
    QUERY,
    /** EXEC of a (system) procedure, by text or RPC. */
    PROCEDURE,
    /** USE, SET, DECLARE, IF, PRINT, BEGIN TRAN/COMMIT/ROLLBACK. */
    SESSION,
    /** A batch that did not parse (logged whole). */
    INVALID
}
