package io.github.mssqlk8s.sim.tds;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SqlType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What mssql-jdbc does not send on its own: RPC by name, transaction manager requests, garbage. */
class TdsRawProtocolTest {

    private static final int LOGINACK = 0xAD;
    private static final int ENVCHANGE = 0xE3;
    private static final int DONEPROC = 0xFE;

    private final ScriptedInstance instance = new ScriptedInstance("sql-raw")
            .on("sp_server_diagnostics", (batch, sink) -> {
                sink.columns(List.of(SimColumn.of("component_name", SqlType.NVARCHAR)));
                sink.row(List.of("system"));
                sink.done(1, true);
            });
    private final TdsServer server = TdsServer.start(instance);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rpcByProcedureName() throws IOException {
        try (RawTdsClient client = new RawTdsClient(server.port())) {
            assertThat(contains(client.login(ScriptedInstance.USER, ScriptedInstance.PASSWORD), LOGINACK)).isTrue();
            String proc = "sp_server_diagnostics";
            TdsBuffer rpc = RawTdsClient.withAllHeaders().u16(proc.length()).ucs2(proc).u16(0)
                    .bVarchar("@repeat_interval").u8(0).u8(TypeCodec.INTN).u8(4).u8(4).u32(5);
            client.send(TdsMessage.RPC, rpc.toByteArray());
            byte[] answer = client.read();
            assertThat(answer[answer.length - 13] & 0xFF).isEqualTo(DONEPROC);
            assertThat(containsText(answer, "system")).isTrue();
        }
        SimBatch batch = instance.received().get(0);
        assertThat(batch.procedure()).isEqualTo("sp_server_diagnostics");
        assertThat(batch.text()).isEmpty();
        assertThat(batch.params()).containsExactly(new SimParam("@repeat_interval", SqlType.INT, 5, false));
    }

    @Test
    void transactionManagerBeginAndCommit() throws IOException {
        try (RawTdsClient client = new RawTdsClient(server.port())) {
            client.login(ScriptedInstance.USER, ScriptedInstance.PASSWORD);
            client.send(TdsMessage.TRANSACTION_MANAGER, RawTdsClient.withAllHeaders().u16(5).u8(0).u8(0).toByteArray());
            assertThat(envChangeTypes(client.read())).contains(TokenWriter.ENV_BEGIN_TRAN);
            client.send(TdsMessage.TRANSACTION_MANAGER, RawTdsClient.withAllHeaders().u16(7).u8(0).u8(0).toByteArray());
            assertThat(envChangeTypes(client.read())).contains(TokenWriter.ENV_COMMIT_TRAN);
        }
        assertThat(instance.received()).extracting(SimBatch::text)
                .containsExactly("BEGIN TRANSACTION", "COMMIT TRANSACTION");
    }

    @Test
    void unknownPacketTypeClosesTheConnection() throws IOException {
        try (RawTdsClient client = new RawTdsClient(server.port())) {
            client.login(ScriptedInstance.USER, ScriptedInstance.PASSWORD);
            client.send(0x55, new byte[] {1, 2, 3});
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(instance.received()).isEmpty();
    }

    @Test
    void unsupportedParameterTypeIsAnErrorNotASilentSuccess() throws IOException {
        try (RawTdsClient client = new RawTdsClient(server.port())) {
            client.login(ScriptedInstance.USER, ScriptedInstance.PASSWORD);
            String proc = "sp_server_diagnostics";
            TdsBuffer rpc = RawTdsClient.withAllHeaders().u16(proc.length()).ucs2(proc).u16(0)
                    .bVarchar("@x").u8(0).u8(0x22).u32(16).u32(0); // IMAGE: not a simulator type
            client.send(TdsMessage.RPC, rpc.toByteArray());
            byte[] answer = client.read();
            assertThat(answer[0] & 0xFF).isEqualTo(0xAA); // ERROR token
            assertThat(containsText(answer, "0x22 is not supported")).isTrue();
        }
        assertThat(instance.received()).isEmpty();
    }

    /** Whether the UCS-2 text occurs anywhere in the payload (at any byte alignment). */
    private static boolean containsText(byte[] payload, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_16LE);
        outer:
        for (int i = 0; i + needle.length <= payload.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (payload[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean contains(byte[] payload, int token) {
        for (byte b : payload) {
            if ((b & 0xFF) == token) {
                return true;
            }
        }
        return false;
    }

    /** The types of the ENVCHANGE tokens in a response (scans tokens by their known lengths). */
    private static List<Integer> envChangeTypes(byte[] payload) {
        List<Integer> types = new java.util.ArrayList<>();
        int i = 0;
        while (i < payload.length) {
            int token = payload[i] & 0xFF;
            if (token == 0xFD || token == 0xFE || token == 0xFF) {
                i += 13;
            } else if (token == ENVCHANGE || token == 0xAA || token == 0xAB) {
                int length = (payload[i + 1] & 0xFF) | ((payload[i + 2] & 0xFF) << 8);
                if (token == ENVCHANGE) {
                    types.add(payload[i + 3] & 0xFF);
                }
                i += 3 + length;
            } else {
                throw new AssertionError("unexpected token 0x" + Integer.toHexString(token));
            }
        }
        return types;
    }
}
