package io.github.mssqlk8s.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agents' login, read from a mounted Secret ({@code username} and {@code password} files). Read again on
 * every connection attempt, so a password rotated by rotate-creds is picked up without a restart.
 */
public final class LoginFiles {

    private final Path directory;

    public LoginFiles(Path directory) {
        this.directory = directory;
    }

    /** Throws with a sentence naming the file (never its content) when the Secret is not mounted or incomplete. */
    public SqlLogin read() throws IOException {
        return new SqlLogin(readFile("username"), readFile("password"));
    }

    private String readFile(String name) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.isReadable(file)) {
            throw new IOException("the login file " + file + " is missing or unreadable");
        }
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IOException("the login file " + file + " is empty");
        }
        return value;
    }
}
