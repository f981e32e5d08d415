package io.github.mssqlk8s.sim.tds;

/** The ALL_HEADERS block in front of SQL_BATCH, RPC and transaction manager requests (TDS 7.2+). */
final class AllHeaders {

    private AllHeaders() {
    }

    /** Skips the block; the transaction descriptor in it is not needed (the session tracks transactions). */
    static void skip(WireReader r) throws TdsProtocolException {
        int start = r.position();
        int total = r.i32();
        if (total < 4 || total > r.remaining() + 4) {
            throw new TdsProtocolException("bad ALL_HEADERS length " + total);
        }
        r.position(start + total);
    }
}
