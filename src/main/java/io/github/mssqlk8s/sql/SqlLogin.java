package io.github.mssqlk8s.sql;

/** A SQL authentication login. {@link #toString()} never shows the password. */
public record SqlLogin(String name, String password) {

    @Override
    public String toString() {
        return "SqlLogin[" + name + "]";
    }
}
