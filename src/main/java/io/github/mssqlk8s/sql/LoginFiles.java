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
        return new SqlLogin(readFile(directory.resolve("username"), "login"), readFile(directory.resolve("password"), "login"));
    }

    /** A mounted Secret key's value, stripped; the exception names the {@code kind} of file and its path, never its content. */
    static String readFile(Path file, String kind) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("the " + kind + " file " + file + " is missing or unreadable");
        }
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IOException("the " + kind + " file " + file + " is empty");
        }
        return value;
    }
}
