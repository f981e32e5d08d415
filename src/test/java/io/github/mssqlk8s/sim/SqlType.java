package io.github.mssqlk8s.sim;

/** The SQL types the simulator speaks, with the Java class a value of each type has. */
public enum SqlType {
    /** {@link Integer} */ INT,
    /** {@link Long} */ BIGINT,
    /** {@link Short} */ SMALLINT,
    /** {@link Short} (0..255) */ TINYINT,
    /** {@link Boolean} */ BIT,
    /** {@link String}; length -1 means NVARCHAR(MAX) */ NVARCHAR,
    /** {@link String} */ VARCHAR,
    /** {@code byte[]}; length -1 means VARBINARY(MAX) */ VARBINARY,
    /** {@link java.time.LocalDateTime} */ DATETIME2,
    /** {@link java.time.OffsetDateTime} */ DATETIMEOFFSET,
    /** {@link java.util.UUID} */ UNIQUEIDENTIFIER,
    /** {@link java.math.BigDecimal} */ DECIMAL
}
