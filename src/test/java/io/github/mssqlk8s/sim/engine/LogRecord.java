package io.github.mssqlk8s.sim.engine;

import java.math.BigDecimal;

/**
 * One hardened log record. {@code uid} is unique across the network: a replica whose record at an LSN has
 * another uid than the primary's has a diverged history (after a forced failover) and is re-seeded.
 */
record LogRecord(long lsn, long createdNanos, long uid, LogOp op) {

    /** LSNs as the DMVs show them: numeric(25,0), shaped like SQL Server's (vlf, block, slot). */
    static BigDecimal display(long lsn) {
        return BigDecimal.valueOf(37_000_000_000_000_000L + lsn * 100_000L + 1);
    }
}
