package io.github.mssqlk8s.sim.tds;

/**
 * The fields of a LOGIN7 record the simulator needs. {@link #toString()} leaves the password out.
 *
 * @param packetSize   the packet size the client asks for (0 = server default)
 * @param featureExt   whether the client sent a FeatureExt block (then it expects FEATUREEXTACK)
 */
record Login7(int tdsVersion, int packetSize, String hostName, String userName, String password,
              String appName, String serverName, String database, boolean featureExt) {

    private static final int FIXED_LENGTH = 94;
    private static final int OPTION_FLAGS3 = 27;
    private static final int F_EXTENSION = 0x10;

    static Login7 parse(byte[] payload) throws TdsProtocolException {
        if (payload.length < FIXED_LENGTH) {
            throw new TdsProtocolException("LOGIN7 too short: " + payload.length + " bytes");
        }
        WireReader r = new WireReader(payload);
        r.i32(); // total length
        int tdsVersion = r.i32();
        int packetSize = r.i32();
        boolean featureExt = (payload[OPTION_FLAGS3] & F_EXTENSION) != 0;
        r.position(36);
        String host = field(r, payload);
        String user = field(r, payload);
        int passwordOffset = r.u16();
        int passwordChars = r.u16();
        String app = field(r, payload);
        String server = field(r, payload);
        r.skip(4); // extension (FeatureExt pointer): only its presence matters here
        field(r, payload); // client interface name
        field(r, payload); // language
        String database = field(r, payload);
        String password = deobfuscate(payload, passwordOffset, passwordChars);
        return new Login7(tdsVersion, packetSize, host, user, password, app, server, database, featureExt);
    }

    /** Reads one offset/length pair and the UCS-2 string it points to. */
    private static String field(WireReader r, byte[] payload) throws TdsProtocolException {
        int offset = r.u16();
        int chars = r.u16();
        return text(payload, offset, chars);
    }

    private static String text(byte[] payload, int offset, int chars) throws TdsProtocolException {
        if (chars == 0) {
            return "";
        }
        if (offset + chars * 2 > payload.length) {
            throw new TdsProtocolException("LOGIN7 field outside the record");
        }
        return new String(payload, offset, chars * 2, java.nio.charset.StandardCharsets.UTF_16LE);
    }

    /** The client swapped the nibbles of each byte, then XORed it with 0xA5: undo in reverse order. */
    private static String deobfuscate(byte[] payload, int offset, int chars) throws TdsProtocolException {
        if (offset + chars * 2 > payload.length) {
            throw new TdsProtocolException("LOGIN7 password outside the record");
        }
        byte[] clear = new byte[chars * 2];
        for (int i = 0; i < clear.length; i++) {
            int b = (payload[offset + i] & 0xFF) ^ 0xA5;
            clear[i] = (byte) (((b & 0x0F) << 4) | (b >>> 4));
        }
        return new String(clear, java.nio.charset.StandardCharsets.UTF_16LE);
    }

    @Override
    public String toString() {
        return "Login7[user=" + userName + ", database=" + database + ", app=" + appName + ", packetSize="
                + packetSize + ", tdsVersion=" + Integer.toHexString(tdsVersion) + ", featureExt=" + featureExt + "]";
    }
}
