package io.github.mssqlk8s.sim.tds;

/** One client message: the type of its packets and their payloads joined (up to the EOM packet). */
record TdsMessage(int type, int status, byte[] payload) {

    static final int SQL_BATCH = 0x01;
    static final int RPC = 0x03;
    static final int TABULAR_RESULT = 0x04;
    static final int ATTENTION = 0x06;
    static final int TRANSACTION_MANAGER = 0x0E;
    static final int LOGIN7 = 0x10;
    static final int PRELOGIN = 0x12;

    static final int STATUS_EOM = 0x01;
    static final int STATUS_RESET_CONNECTION = 0x08;

    static String typeName(int type) {
        return switch (type) {
            case SQL_BATCH -> "SQL_BATCH";
            case RPC -> "RPC";
            case TABULAR_RESULT -> "TABULAR_RESULT";
            case ATTENTION -> "ATTENTION";
            case TRANSACTION_MANAGER -> "TRANSACTION_MANAGER";
            case LOGIN7 -> "LOGIN7";
            case PRELOGIN -> "PRELOGIN";
            default -> String.format("0x%02X", type);
        };
    }
}
