package io.github.mssqlk8s.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirementsBuilder;
import io.github.mssqlk8s.api.AvailabilityGroupRef;
import io.github.mssqlk8s.api.SecretReference;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.api.SqlServerContainer;
import io.github.mssqlk8s.api.SqlServerSpec;
import io.github.mssqlk8s.api.VolumeClaimTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** SqlServer resources and Secrets as a user would write them, for tests. */
public final class TestResources {

    public static final String SA_SECRET = "sql-secrets";
    public static final String SA_KEY = "sapassword";

    private TestResources() {
    }

    public static SqlServer sqlServer(String name, String namespace, AvailabilityGroupRef... groups) {
        return sqlServer(name, namespace, SA_SECRET, groups);
    }

    public static SqlServer sqlServer(String name, String namespace, String saSecret, AvailabilityGroupRef... groups) {
        SqlServerSpec spec = new SqlServerSpec();
        spec.setAcceptEula(true);
        spec.setAgentsContainerImage("mssqlk8s/mssql-k8s-agents:test");
        SqlServerContainer container = new SqlServerContainer();
        container.setImage("mcr.microsoft.com/mssql/server:2022-latest");
        spec.setSqlServerContainer(container);
        spec.setSaPassword(new SecretReference(saSecret, SA_KEY));
        VolumeClaimTemplate claim = new VolumeClaimTemplate();
        claim.setAccessModes(List.of("ReadWriteOnce"));
        claim.setResources(new VolumeResourceRequirementsBuilder().addToRequests("storage", new Quantity("5Gi")).build());
        spec.setInstanceRootVolumeClaimTemplate(claim);
        spec.setAvailabilityGroups(new ArrayList<>(List.of(groups)));
        SqlServer resource = new SqlServer();
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(Map.of("name", name, "type", "sqlservr")).build());
        resource.setSpec(spec);
        return resource;
    }

    /** A Secret with an sa password; the value is a test placeholder. */
    public static Secret saSecret(String name, String namespace) {
        return saSecret(name, namespace, "Test-Only-Sa-1");
    }

    /** A Secret with the given sa password under {@link #SA_KEY}. */
    public static Secret saSecret(String name, String namespace, String password) {
        return new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withData(Map.of(SA_KEY, Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
