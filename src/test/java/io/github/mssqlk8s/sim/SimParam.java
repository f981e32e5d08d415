package io.github.mssqlk8s.sim;

/**
 * A typed parameter or return value.
 *
 * @param name   with its leading {@code @}
 * @param type   its SQL type
 * @param value  see {@link SqlType} for the Java class per type; null for SQL NULL
 * @param output true for an OUTPUT parameter (answered with a RETURNVALUE token)
 */
public record SimParam(String name, SqlType type, Object value, boolean output) {
}
