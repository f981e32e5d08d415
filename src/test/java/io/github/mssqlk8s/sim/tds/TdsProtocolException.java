package io.github.mssqlk8s.sim.tds;

import java.io.IOException;

/** The client sent something the front end does not understand (malformed or unsupported). */
final class TdsProtocolException extends IOException {

    TdsProtocolException(String message) {
        super(message);
    }
}
