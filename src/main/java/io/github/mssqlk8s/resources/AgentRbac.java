package io.github.mssqlk8s.resources;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * The identities of the pod's agents and of the init-sql Jobs, each with only what it uses. Where Kubernetes
 * allows, rules name their objects (the AG's ConfigMap and Lease, the instance's Secrets); {@code create},
 * {@code list} and {@code watch} cannot be limited by name.
 */
public final class AgentRbac {

    private static final String CORE = "";
    private static final String MSSQL = "mssql.microsoft.com";

    private AgentRbac() {
    }

    public static ServiceAccount agentsServiceAccount(SqlServer sqlServer) {
        return serviceAccount(sqlServer, Names.agents(sqlServer), Components.AGENTS);
    }

    public static ServiceAccount initSqlServiceAccount(SqlServer sqlServer) {
        return serviceAccount(sqlServer, Names.initSql(sqlServer), Components.INIT_SQL);
    }

    /** The agents: their own resource and its status, the AGs' Leases and ConfigMaps, pod labels, events. */
    public static Role agentsRole(SqlServer sqlServer) {
        List<String> groups = sqlServer.getSpec().getAvailabilityGroups().stream().map(AvailabilityGroupRef::getName).toList();
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(rule(MSSQL, "sqlservers", List.of(), "get", "list", "watch"));
        rules.add(rule(MSSQL, "sqlservers/status", List.of(Names.instance(sqlServer)), "get", "patch", "update"));
        rules.add(rule(CORE, "pods", List.of(), "get", "list", "watch", "patch"));
        rules.add(rule(CORE, "events", List.of(), "create", "patch"));
        rules.add(rule("coordination.k8s.io", "leases", List.of(), "create"));
        rules.add(rule(CORE, "configmaps", List.of(), "create"));
        if (!groups.isEmpty()) {
            rules.add(rule("coordination.k8s.io", "leases",
                    groups.stream().map(Names::availabilityGroupLease).toList(), "get", "watch", "update", "patch", "delete"));
            rules.add(rule(CORE, "configmaps",
                    groups.stream().map(Names::availabilityGroupConfigMap).toList(), "get", "watch", "update", "patch"));
        }
        return new RoleBuilder()
                .withMetadata(Ownership.metadata(sqlServer, Names.agents(sqlServer), Components.AGENTS))
                .withRules(rules)
                .build();
    }

    /** init-sql: the instance's Secrets, the shared certificate Secret it may create, and its resource's status. */
    public static Role initSqlRole(SqlServer sqlServer) {
        List<String> secrets = List.of(
                sqlServer.getSpec().getSaPassword().getSecretKeyRef().getName(),
                GeneratedSecrets.masterKeyPasswordRef(sqlServer).getName(),
                Names.agentLoginSecret(sqlServer),
                Names.mirroringCertificateSecret());
        return new RoleBuilder()
                .withMetadata(Ownership.metadata(sqlServer, Names.initSql(sqlServer), Components.INIT_SQL))
                .withRules(
                        rule(CORE, "secrets", secrets.stream().distinct().toList(), "get"),
                        rule(CORE, "secrets", List.of(), "create"),
                        rule(MSSQL, "sqlservers", List.of(Names.instance(sqlServer)), "get"),
                        rule(MSSQL, "sqlservers/status", List.of(Names.instance(sqlServer)), "get", "patch", "update"),
                        rule(CORE, "events", List.of(), "create", "patch"))
                .build();
    }

    /**
     * The manual failover Job's Role: the preview's rules without its Endpoints read, which the Job never makes
     * (the Endpoints API is deprecated since 1.33): the AG's ConfigMap (read it, write the request) and pods (list:
     * roles). The preview's Role, with the Endpoints rule, keeps working. Users create it with the Job.
     */
    public static Role failoverJobRole(String availabilityGroup) {
        return new RoleBuilder()
                .withNewMetadata().withName(Names.failoverJob(availabilityGroup)).endMetadata()
                .withRules(
                        rule(CORE, "configmaps", List.of(Names.availabilityGroupConfigMap(availabilityGroup)), "get", "update"),
                        rule(CORE, "pods", List.of(), "list"))
                .build();
    }

    /**
     * What a rotate-creds Job needs (users create it; the operator does not): the preview's rules (Secrets get and
     * update, pods list, StatefulSets get) plus reading SqlServers, which say which Secrets hold the passwords and
     * which instances share the mirroring certificate. Secrets cannot be named here: they are the users'.
     */
    public static Role rotateCredsRole(String namespace, String name) {
        return new RoleBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withRules(rotateCredsRules())
                .build();
    }

    private static List<PolicyRule> rotateCredsRules() {
        return List.of(
                rule(CORE, "secrets", List.of(), "get", "update"),
                rule(CORE, "pods", List.of(), "list"),
                rule("apps", "statefulsets", List.of(), "get"),
                rule(MSSQL, "sqlservers", List.of(), "get", "list"));
    }

    public static ServiceAccount rotateCredsServiceAccount(SqlServer sqlServer) {
        return serviceAccount(sqlServer, Names.rotateCreds(sqlServer), Components.ROTATE_CREDS);
    }

    /** The rotate-creds Job's Role for {@code kubectl mssql rotate-creds}: the same rules as {@link #rotateCredsRole(String, String)}. */
    public static Role rotateCredsRole(SqlServer sqlServer) {
        return new RoleBuilder()
                .withMetadata(Ownership.metadata(sqlServer, Names.rotateCreds(sqlServer), Components.ROTATE_CREDS))
                .withRules(rotateCredsRules())
                .build();
    }

    public static RoleBinding rotateCredsRoleBinding(SqlServer sqlServer) {
        return binding(sqlServer, Names.rotateCreds(sqlServer), Components.ROTATE_CREDS);
    }

    public static RoleBinding agentsRoleBinding(SqlServer sqlServer) {
        return binding(sqlServer, Names.agents(sqlServer), Components.AGENTS);
    }

    public static RoleBinding initSqlRoleBinding(SqlServer sqlServer) {
        return binding(sqlServer, Names.initSql(sqlServer), Components.INIT_SQL);
    }

    private static ServiceAccount serviceAccount(SqlServer sqlServer, String name, String component) {
        return new ServiceAccountBuilder().withMetadata(Ownership.metadata(sqlServer, name, component)).build();
    }

    /** Role, RoleBinding and ServiceAccount share one name. */
    private static RoleBinding binding(SqlServer sqlServer, String name, String component) {
        return new RoleBindingBuilder()
                .withMetadata(Ownership.metadata(sqlServer, name, component))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(name)
                .withNamespace(sqlServer.getMetadata().getNamespace()).endSubject()
                .build();
    }

    private static PolicyRule rule(String apiGroup, String resource, List<String> names, String... verbs) {
        return new PolicyRuleBuilder()
                .withApiGroups(apiGroup)
                .withResources(resource)
                .withResourceNames(names)
                .withVerbs(verbs)
                .build();
    }
}
