package io.github.mssqlk8s.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.naming.Volumes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads SqlServer resources for the Jobs: one by name ({@code get}), or every one of a namespace ({@code list}). */
public class SqlServers {

    private final KubernetesClient client;

    public SqlServers(KubernetesClient client) {
        this.client = client;
    }

    public Optional<SqlServerFacts> get(String namespace, String name) {
        return Optional.ofNullable(client.resources(SqlServer.class).inNamespace(namespace).withName(name).get())
                .map(SqlServers::facts);
    }

    public List<SqlServerFacts> list(String namespace) {
        return client.resources(SqlServer.class).inNamespace(namespace).list().getItems().stream()
                .filter(resource -> resource.getSpec() != null)
                .map(SqlServers::facts)
                .toList();
    }

    static SqlServerFacts facts(SqlServer resource) {
        String name = resource.getMetadata().getName();
        Long generation = resource.getMetadata().getGeneration();
        SecretKeyRef sa = resource.getSpec().getSaPassword().getSecretKeyRef();
        // The operator generates <name>-master-key when the resource names no master key password.
        SecretKey masterKey = resource.getSpec().getMasterKeyPassword() == null
                ? new SecretKey(Names.generatedMasterKeySecret(resource), Volumes.MASTER_KEY_PASSWORD_KEY)
                : key(resource.getSpec().getMasterKeyPassword().getSecretKeyRef());
        String script = resource.getSpec().getSqlPostInitScript();
        return new SqlServerFacts(name, generation == null ? 1L : generation,
                Optional.ofNullable(script).filter(text -> !text.isBlank()),
                resource.getSpec().getAvailabilityGroups().stream().map(AvailabilityGroupRef::getName)
                        .filter(Objects::nonNull).toList(),
                key(sa), masterKey, Names.agentLoginSecret(resource));
    }

    private static SecretKey key(SecretKeyRef ref) {
        return new SecretKey(ref.getName(), ref.getKey());
    }
}
