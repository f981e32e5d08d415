package io.github.mssqlk8s.sql;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sa login, for the one statement the agents' own login may not run: SQL Server requires sysadmin for
 * {@code CREATE AVAILABILITY GROUP}. The password comes from a file mounted from the resource's sa Secret and is
 * read again on every use, so a password rotated by rotate-creds is picked up without a restart.
 */
public final class SaPasswordFile {

    static final String SA = "sa";

    private final Path file;

    public SaPasswordFile(Path file) {
        this.file = file;
    }

    /** Throws with a sentence naming the file (never its content) when it is not mounted or empty. */
    public SqlLogin read() throws IOException {
        return new SqlLogin(SA, LoginFiles.readFile(file, "sa password"));
    }
}
