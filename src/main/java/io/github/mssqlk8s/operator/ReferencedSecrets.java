package io.github.mssqlk8s.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.mssqlk8s.api.SecretKeyRef;
import io.github.mssqlk8s.api.SecretReference;
import io.github.mssqlk8s.api.SqlServer;
import io.github.mssqlk8s.naming.Labels;
import io.github.mssqlk8s.naming.Names;
import io.github.mssqlk8s.resources.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Secrets a resource references (sa password, master key password). They are the user's, not labelled as
 * ours, so they are read by name when needed rather than watched (a watch would cache every Secret).
 */
class ReferencedSecrets {

    static final String GENERATED_NAME_TAKEN = "GeneratedSecretNameTaken";

    private final KubernetesClient client;

    ReferencedSecrets(KubernetesClient client) {
        this.client = client;
    }

    /** One sentence per missing Secret or key (names only, never values); empty when all are there. */
    List<String> problems(SqlServer sqlServer) {
        List<String> problems = new ArrayList<>();
        check(sqlServer, "spec.saPassword", sqlServer.getSpec().getSaPassword()).ifPresent(problems::add);
        check(sqlServer, "spec.masterKeyPassword", sqlServer.getSpec().getMasterKeyPassword()).ifPresent(problems::add);
        return problems;
    }

    /**
     * The operator creates {@code <name>-agent-login} (and {@code <name>-master-key}) once and watches only Secrets
     * with its label: a same-named Secret someone else made would make every create fail with 409, unseen. Told
     * instead, and nothing is touched until it is renamed or deleted.
     */
    List<SpecProblem> foreignGeneratedSecrets(SqlServer sqlServer) {
        List<String> names = new ArrayList<>(List.of(Names.agentLoginSecret(sqlServer)));
        if (sqlServer.getSpec().getMasterKeyPassword() == null) {
            names.add(Names.generatedMasterKeySecret(sqlServer));
        }
        List<SpecProblem> problems = new ArrayList<>();
        for (String name : names) {
            Secret secret = client.secrets().inNamespace(sqlServer.getMetadata().getNamespace()).withName(name).get();
            boolean ours = secret == null || secret.getMetadata().getLabels() != null
                    && Labels.MANAGED_BY_US.equals(secret.getMetadata().getLabels().get(Labels.MANAGED_BY));
            if (!ours) {
                problems.add(new SpecProblem(GENERATED_NAME_TAKEN, "A Secret named '" + name + "' exists that the operator"
                        + " did not make (no " + Labels.MANAGED_SELECTOR + " label); it generates that Secret itself."
                        + " Delete or rename it, or give the SqlServer another name."));
            }
        }
        return problems;
    }

    private Optional<String> check(SqlServer sqlServer, String field, SecretReference reference) {
        if (reference == null || reference.getSecretKeyRef() == null) {
            return Optional.empty();
        }
        SecretKeyRef ref = reference.getSecretKeyRef();
        Secret secret = client.secrets().inNamespace(sqlServer.getMetadata().getNamespace()).withName(ref.getName()).get();
        if (secret == null) {
            return Optional.of(field + " names the Secret '" + ref.getName() + "', which does not exist.");
        }
        boolean hasKey = (secret.getData() != null && secret.getData().containsKey(ref.getKey()))
                || (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey()));
        return hasKey ? Optional.empty()
                : Optional.of(field + " names the key '" + ref.getKey() + "' of the Secret '" + ref.getName() + "', which has no such key.");
    }
}
