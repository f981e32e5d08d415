package io.github.mssqlk8s.naming;

/** Label and annotation keys, and the label values the project sets. */
public final class Labels {

    /** Users' Services select SQL Server pods by these two (the preview's convention). */
    public static final String TYPE = "type";
    public static final String TYPE_SQL_SERVER = "sqlservr";
    public static final String NAME = "name";

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_US = "mssql-k8s-agents";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String INSTANCE = "app.kubernetes.io/instance";

    /** Which SqlServer an object belongs to. */
    public static final String SQL_SERVER = "mssql.microsoft.com/sqlserver";

    /** Selector of everything this project creates: the operator's informers watch only these. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_US;

    private static final String ROLE_PREFIX = "role.ag.mssql.microsoft.com/";
    private static final String MODE_PREFIX = "mode.ag.mssql.microsoft.com/";
    private static final String MEMBER_PREFIX = "member.ag.mssql.microsoft.com/";

    public static final String ROLE_PRIMARY = "primary";
    public static final String ROLE_SECONDARY = "secondary";

    /** On the SqlServer: "true" deletes the data volume's claim when the resource is deleted. */
    public static final String DELETE_DATA_ANNOTATION = "mssql.microsoft.com/delete-data-on-delete";

    /**
     * On an AG's Lease: the {@code renewTime} of the record its holder replaced when acquiring it, so that a
     * restarted holder still knows when the previous holder last renewed its SQL write lease.
     */
    public static final String PREVIOUS_RENEW_TIME_ANNOTATION = "mssql.microsoft.com/previous-renew-time";

    private Labels() {
    }

    /** {@code role.ag.mssql.microsoft.com/<ag>}: primary or secondary (contract §2). */
    public static String role(String availabilityGroup) {
        return ROLE_PREFIX + availabilityGroup;
    }

    /** {@code mode.ag.mssql.microsoft.com/<ag>}: the replica's availability mode (contract §2). */
    public static String mode(String availabilityGroup) {
        return MODE_PREFIX + availabilityGroup;
    }

    /**
     * On the pod of an instance that lists at least one AG ({@code "true"}); the namespace's disruption budget
     * selects it. Set on the running pod by the operator, like {@link #member}, never in the pod template (a change
     * of the AG list must not restart SQL Server).
     */
    public static final String AVAILABILITY_GROUP_MEMBER = "mssql.microsoft.com/availability-group-member";

    /** Set by Kubernetes' Job controller on the pods of a Job (its value is the Job's name). */
    public static final String JOB_NAME = "job-name";

    /** On the pod: the keys of the SqlServer's own labels the operator copied onto it, so it can take back removed ones. */
    public static final String COPIED_LABELS_ANNOTATION = "mssql.microsoft.com/copied-labels";

    /** {@code member.ag.mssql.microsoft.com/<ag>}: {@code "true"} on the running pod of every member, set by the operator. */
    public static String member(String availabilityGroup) {
        return MEMBER_PREFIX + availabilityGroup;
    }

    /** The AG named by a role, mode or member label key, or null for another key. */
    public static String availabilityGroupOfLabel(String key) {
        for (String prefix : new String[] {ROLE_PREFIX, MODE_PREFIX, MEMBER_PREFIX}) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return null;
    }

    /** The AG named by a member label key, or null for another key. */
    public static String availabilityGroupOfMemberLabel(String key) {
        return key.startsWith(MEMBER_PREFIX) ? key.substring(MEMBER_PREFIX.length()) : null;
    }

    /** The AG named by a role label key, or null for another key. */
    public static String availabilityGroupOfRoleLabel(String key) {
        return key.startsWith(ROLE_PREFIX) ? key.substring(ROLE_PREFIX.length()) : null;
    }
}
