package io.github.mssqlk8s.sim.engine;

/**
 * One row of {@code sys.server_permissions}.
 *
 * @param securableClass SERVER, ENDPOINT or AVAILABILITY GROUP
 * @param majorId        0 for SERVER, the endpoint id or the availability group's id
 * @param securable      the endpoint or availability group name (null for SERVER)
 */
record Grant(String permission, String securableClass, int majorId, String securable, int granteeId) {

    short classNumber() {
        return switch (securableClass) {
            case "ENDPOINT" -> (short) 105;
            case "AVAILABILITY GROUP" -> (short) 108;
            default -> (short) 100;
        };
    }

    String typeCode() {
        return switch (permission) {
            case "VIEW SERVER STATE" -> "VWSS";
            case "ALTER ANY AVAILABILITY GROUP" -> "ALAG";
            case "CREATE AVAILABILITY GROUP" -> "CRAC";
            case "ALTER ANY DATABASE" -> "ALDB";
            case "CREATE ANY DATABASE" -> "CRDB";
            case "ALTER ANY LOGIN" -> "ALLG";
            case "ALTER ANY ENDPOINT" -> "ALHE";
            case "CREATE ENDPOINT" -> "CRHE";
            case "CONTROL SERVER", "CONTROL" -> "CL";
            case "CONNECT SQL" -> "COSQ";
            case "CONNECT" -> "CO";
            case "ALTER" -> "AL";
            case "VIEW DEFINITION" -> "VW";
            default -> "??";
        };
    }
}
