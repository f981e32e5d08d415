package io.github.mssqlk8s.sim;

import java.time.Duration;

/** One simulated SQL Server instance, as the TDS front end sees it. Implemented by the engine. */
public interface SimInstance {

    /** {@code @@SERVERNAME}, also sent in LOGINACK. */
    String serverName();

    /** Whether the front end may accept connections and answer them right now. */
    Availability availability();

    /** Extra delay before every answer (the "slow answers" fault); {@link Duration#ZERO} normally. */
    Duration responseDelay();

    /**
     * Grows by one at every crash or restart. A connection opened in an older epoch is dead: the front
     * end closes its socket at the next chance (that is how clients notice a crash).
     */
    long epoch();

    /**
     * Checks a login (SQL authentication). Throws {@link SimSqlException} 18456 for an unknown login or
     * a wrong password, exactly as SQL Server does (state 8 for a bad password, 5 for an unknown login).
     */
    SimSession login(String loginName, String password, String database, String applicationName)
            throws SimSqlException;

    enum Availability {
        /** Normal service. */
        RUNNING,
        /** Connection refused: the listener must not accept (the instance is stopped or crashed). */
        STOPPED,
        /** Accepts connections and reads requests but never answers (a hung SQL Server). */
        HUNG
    }
}
