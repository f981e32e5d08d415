package io.github.mssqlk8s.sim.engine;

import io.github.mssqlk8s.sim.SimSqlException;

/**
 * SQL Server's error numbers and texts in one place. Conditions whose real number was not verified use
 * {@link #SIMULATOR} (50000) with a message starting "[simulator]", so nobody mistakes them for real ones. Which
 * numbers were checked against SQL Server's documented messages, and which stay unverified: package-info.
 */
final class Errors {

    static final int SIMULATOR = 50000;
    static final int SYNTAX = 102;
    static final int LOGIN_FAILED = 18456;
    static final int NOT_SYNCHRONIZED = 41142;
    static final int ALREADY_PRIMARY = 41122;
    static final int NOT_PRIMARY_FOR_ALTER = 41140;
    static final int CONFIGURATION_ONLY_CANNOT_BE_PRIMARY = 47109;
    static final int EXTERNAL_CLUSTER_CONTEXT = 47104;
    static final int WRITE_LEASE_NOT_ENABLED = 47116;
    static final int WRITE_LEASE_EARLIER = 47119;
    static final int READ_ONLY = 3906;
    static final int NOT_PRIMARY_OR_SECONDARY = 983;
    static final int PRINCIPAL_EXISTS = 15025;
    static final int NOT_FOUND_OR_NO_PERMISSION = 15151;
    static final int NO_PERMISSION = 15247;
    static final int PERMISSION_DENIED_IN_DB = 262;

    private Errors() {
    }

    static SimSqlException of(int number, int severity, String message) {
        return new SimSqlException(number, 1, severity, message);
    }

    static SimSqlException simulator(String message) {
        return of(SIMULATOR, 16, "[simulator] " + message);
    }

    static SimSqlException syntax(String near) {
        return of(SYNTAX, 15, "Incorrect syntax near '" + near + "'.");
    }

    static SimSqlException unclosedQuote(String rest) {
        return of(105, 15, "Unclosed quotation mark after the character string '" + rest + "'.");
    }

    static SimSqlException loginFailed(String login, int state) {
        return new SimSqlException(LOGIN_FAILED, state, 14, "Login failed for user '" + login + "'.");
    }

    static SimSqlException cannot(String verb, String what, String name) {
        return of(NOT_FOUND_OR_NO_PERMISSION, 16, "Cannot " + verb + " the " + what + " '" + name
                + "', because it does not exist or you do not have permission.");
    }

    static SimSqlException noPermission() {
        return of(NO_PERMISSION, 16, "User does not have permission to perform this action.");
    }

    static SimSqlException permissionDeniedInDatabase(String permission, String database) {
        return of(PERMISSION_DENIED_IN_DB, 14, permission + " permission denied in database '" + database + "'.");
    }

    static SimSqlException viewServerStateDenied() {
        return of(300, 14, "VIEW SERVER STATE permission was denied on object 'server', database 'master'.");
    }

    static SimSqlException userNoPermission() {
        return of(297, 16, "The user does not have permission to perform this action.");
    }

    static SimSqlException principalExists(String name) {
        return of(PRINCIPAL_EXISTS, 16, "The server principal '" + name + "' already exists.");
    }

    static SimSqlException invalidObject(String name) {
        return of(208, 16, "Invalid object name '" + name + "'.");
    }

    static SimSqlException invalidColumn(String name) {
        return of(207, 16, "Invalid column name '" + name + "'.");
    }

    static SimSqlException databaseMissing(String name) {
        return of(911, 16, "Database '" + name + "' does not exist. Make sure that the name is entered correctly.");
    }

    static SimSqlException readOnly(String database) {
        return of(READ_ONLY, 16, "Failed to update database \"" + database + "\" because the database is read-only.");
    }

    static SimSqlException notPrimaryOrSecondary(String database) {
        return of(NOT_PRIMARY_OR_SECONDARY, 14, "Unable to access availability database '" + database
                + "' because the database replica is not in the PRIMARY or SECONDARY role. Connections to an"
                + " availability database is permitted only when the database replica is in the PRIMARY or"
                + " SECONDARY role. Try the operation again later.");
    }

    static SimSqlException externalClusterOnly(String ag) {
        return of(EXTERNAL_CLUSTER_CONTEXT, 16, "This operation cannot be performed on the availability group '" + ag
                + "' because it has EXTERNAL cluster type. Use the cluster management tools to perform the operation.");
    }

    static SimSqlException notSynchronized(String ag) {
        return of(NOT_SYNCHRONIZED, 16, "The availability replica for availability group '" + ag
                + "' on this instance of SQL Server cannot become the primary replica. One or more databases are not"
                + " synchronized or have not joined the availability group. If the availability replica uses the"
                + " asynchronous-commit mode, consider performing a forced manual failover (with possible data loss)."
                + " Otherwise, once all local secondary databases are joined and synchronized, you can perform a"
                + " planned manual failover to this secondary replica (without data loss).");
    }

    static SimSqlException alreadyPrimary(String ag) {
        return of(ALREADY_PRIMARY, 16, "Cannot failover availability group '" + ag + "' to this instance of SQL Server."
                + "  The local availability replica is already the primary replica of the availability group.  To failover"
                + " this availability group to another instance of SQL Server, run the failover command on that instance of"
                + " SQL Server.  If local instance of SQL Server is intended to host the primary replica of the availability"
                + " group, then no action is required.");
    }

    static SimSqlException notPrimaryForAlter(String ag) {
        return of(NOT_PRIMARY_FOR_ALTER, 16, "Availability group '" + ag + "' cannot process the ALTER AVAILABILITY GROUP"
                + " command, because the local availability replica is not the primary replica.  Connect to the server"
                + " instance that is currently hosting the primary replica of this availability group, and rerun the command.");
    }

    static SimSqlException configurationOnlyCannotBePrimary(String ag) {
        return of(CONFIGURATION_ONLY_CANNOT_BE_PRIMARY, 16, "Availability group '" + ag + "' cannot failover to this"
                + " replica. Configuration-only replica cannot become primary. An attempt to fail over an availability group"
                + " failed. The replica is a configuration-only and cannot become a primary.");
    }

    /** Unverified for SET (ROLE = SECONDARY); Microsoft's Pacemaker agent takes 41104 from it as "could not demote". */
    static SimSqlException roleChangeFailed(String ag, String why) {
        return of(41104, 16, "Failover of the availability group '" + ag
                + "' to the local replica failed because " + why + ".");
    }

    static SimSqlException databaseNotAccessible(String name, String state) {
        return switch (state) {
            case "SUSPECT" -> of(926, 14, "Database '" + name + "' cannot be opened. It has been marked SUSPECT by recovery.");
            case "RECOVERING", "RECOVERY_PENDING" -> of(922, 14, "Database '" + name + "' is being recovered. Waiting until recovery is finished.");
            case "RESTORING" -> of(927, 14, "Database '" + name + "' cannot be opened. It is in the middle of a restore.");
            default -> of(942, 14, "Database '" + name + "' cannot be opened because it is offline.");
        };
    }

    static SimSqlException connectionDead() {
        return of(SIMULATOR, 20, "[simulator] The connection belongs to an earlier run of the instance (it crashed or"
                + " restarted); the connection is broken.");
    }
}
