package io.github.mssqlk8s.sim.tds;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mssqlk8s.sim.SimBatch;
import io.github.mssqlk8s.sim.SimColumn;
import io.github.mssqlk8s.sim.SimParam;
import io.github.mssqlk8s.sim.SqlType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every simulator type, as a result column and as a PreparedStatement parameter, with NULLs and MAX values. */
class TdsTypesTest {

    private static final String BIG_TEXT = "Grüße-€-".repeat(20_000);        // 160k chars, far beyond a packet
    private static final byte[] BIG_BYTES = bytes(70_000);
    private static final LocalDateTime WHEN = LocalDateTime.of(2026, 11, 24, 16, 30, 15, 123_456_700);
    private static final OffsetDateTime WHEN_OFFSET = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 600_000_000,
            ZoneOffset.ofHoursMinutes(-5, -30));
    private static final UUID GUID = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    private static final BigDecimal LSN = new BigDecimal("1234567890123456789012345");

    private static final List<SimColumn> ALL = List.of(
            SimColumn.of("i", SqlType.INT), SimColumn.of("b", SqlType.BIGINT), SimColumn.of("s", SqlType.SMALLINT),
            SimColumn.of("t", SqlType.TINYINT), SimColumn.of("bit", SqlType.BIT), SimColumn.of("nv", SqlType.NVARCHAR),
            SimColumn.max("nvmax", SqlType.NVARCHAR), SimColumn.of("v", SqlType.VARCHAR),
            SimColumn.of("vb", SqlType.VARBINARY), SimColumn.max("vbmax", SqlType.VARBINARY),
            SimColumn.of("dt2", SqlType.DATETIME2), SimColumn.of("dto", SqlType.DATETIMEOFFSET),
            SimColumn.of("g", SqlType.UNIQUEIDENTIFIER), SimColumn.of("lsn", SqlType.DECIMAL),
            new SimColumn("money", SqlType.DECIMAL, 0, 10, 2, true));

    private final ScriptedInstance instance = new ScriptedInstance("sql-types")
            .on("SELECT all_types", (batch, sink) -> {
                sink.columns(ALL);
                sink.row(Arrays.asList(2_000_000_000, 9_000_000_000_000L, (short) -300, (short) 255, true, "héllo",
                        BIG_TEXT, "plain", new byte[] {1, 2, 3}, BIG_BYTES, WHEN, WHEN_OFFSET, GUID, LSN,
                        new BigDecimal("-12345678.91")));
                sink.row(Arrays.asList(new Object[ALL.size()]));
                sink.done(2, true);
            });
    private final TdsServer server = TdsServer.start(instance);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyTypeAsResultColumn() throws SQLException {
        try (Connection c = TdsTestSupport.connect(server);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT all_types")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("i")).isEqualTo(2_000_000_000);
            assertThat(rs.getLong("b")).isEqualTo(9_000_000_000_000L);
            assertThat(rs.getShort("s")).isEqualTo((short) -300);
            assertThat(rs.getInt("t")).isEqualTo(255);
            assertThat(rs.getBoolean("bit")).isTrue();
            assertThat(rs.getString("nv")).isEqualTo("héllo");
            assertThat(rs.getString("nvmax")).isEqualTo(BIG_TEXT);
            assertThat(rs.getString("v")).isEqualTo("plain");
            assertThat(rs.getBytes("vb")).containsExactly(1, 2, 3);
            assertThat(rs.getBytes("vbmax")).isEqualTo(BIG_BYTES);
            assertThat(rs.getObject("dt2", LocalDateTime.class)).isEqualTo(WHEN);
            assertThat(rs.getObject("dto", OffsetDateTime.class)).isEqualTo(WHEN_OFFSET);
            assertThat(rs.getString("g")).isEqualToIgnoringCase(GUID.toString());
            assertThat(rs.getBigDecimal("lsn")).isEqualTo(LSN);
            assertThat(rs.getBigDecimal("money")).isEqualTo(new BigDecimal("-12345678.91"));
            assertThat(rs.getMetaData().getColumnTypeName(14)).isEqualTo("decimal");
            assertThat(rs.getMetaData().getPrecision(14)).isEqualTo(25);

            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= ALL.size(); i++) {
                assertThat(rs.getObject(i)).as("column %d", i).isNull();
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void everyTypeAsParameterAndBack() throws SQLException {
        instance.on("SELECT @P0", TdsTypesTest::echo);
        try (Connection c = TdsTestSupport.connect(server);
             PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            Object[][] cases = {
                {42, SqlType.INT}, {9_000_000_000L, SqlType.BIGINT}, {(short) -7, SqlType.SMALLINT},
                {(byte) 100, SqlType.TINYINT}, {true, SqlType.BIT}, {"héllo", SqlType.NVARCHAR},
                {BIG_TEXT, SqlType.NVARCHAR}, {new byte[] {9, 8}, SqlType.VARBINARY}, {BIG_BYTES, SqlType.VARBINARY},
                {WHEN, SqlType.DATETIME2}, {WHEN_OFFSET, SqlType.DATETIMEOFFSET}, {LSN, SqlType.DECIMAL},
                {new BigDecimal("-0.125"), SqlType.DECIMAL},
            };
            for (Object[] tc : cases) {
                ps.setObject(1, tc[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    SimParam received = lastParam();
                    assertThat(received.type()).as("type of %s", tc[0]).isEqualTo(tc[1]);
                    assertThat(rs.next()).isTrue();
                    Object back = rs.getObject(1, tc[0].getClass());
                    if (tc[0] instanceof byte[] expected) {
                        assertThat((byte[]) back).isEqualTo(expected);
                    } else if (tc[0] instanceof BigDecimal expected) {
                        assertThat((BigDecimal) back).isEqualByComparingTo(expected);
                    } else {
                        assertThat(back).isEqualTo(tc[0]);
                    }
                }
            }
        }
    }

    @Test
    void guidFloatAndVarcharParameters() throws SQLException {
        instance.on("SELECT @P0", TdsTypesTest::echo);
        try (Connection c = TdsTestSupport.connect(server, "sendStringParametersAsUnicode=false");
             PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            ps.setObject(1, GUID.toString(), microsoft.sql.Types.GUID);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(lastParam().value()).isEqualTo(GUID);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualToIgnoringCase(GUID.toString());
            }
            ps.setDouble(1, 2.5);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(lastParam().type()).isEqualTo(SqlType.DECIMAL);
                assertThat((BigDecimal) lastParam().value()).isEqualByComparingTo("2.5");
            }
            ps.setString(1, "ascii text");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(lastParam().type()).isEqualTo(SqlType.VARCHAR);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ascii text");
            }
        }
    }

    @Test
    void nullParameters() throws SQLException {
        instance.on("SELECT @P0", TdsTypesTest::echo);
        int[] sqlTypes = {Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT, Types.BIT, Types.NVARCHAR,
            Types.VARBINARY, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DECIMAL};
        try (Connection c = TdsTestSupport.connect(server);
             PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            for (int sqlType : sqlTypes) {
                ps.setNull(1, sqlType);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(lastParam().value()).as("value for java.sql.Types %d", sqlType).isNull();
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1)).isNull();
                }
            }
        }
    }

    private SimParam lastParam() {
        List<SimBatch> received = instance.received();
        return received.get(received.size() - 1).params().get(0);
    }

    /** Answers with the parameters as one row, each in a column of its own type. */
    static void echo(SimBatch batch, io.github.mssqlk8s.sim.ResultSink sink) {
        List<SimColumn> columns = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        for (SimParam p : batch.params()) {
            columns.add(switch (p.type()) {
                case NVARCHAR, VARCHAR, VARBINARY -> SimColumn.max(p.name(), p.type());
                case DECIMAL -> new SimColumn(p.name(), p.type(), 0, 38, p.value() == null ? 0
                        : Math.max(0, ((BigDecimal) p.value()).scale()), true);
                default -> SimColumn.of(p.name(), p.type());
            });
            row.add(p.value());
        }
        sink.columns(columns);
        sink.row(row);
        sink.done(1, true);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
