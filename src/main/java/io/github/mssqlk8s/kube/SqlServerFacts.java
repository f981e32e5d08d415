package io.github.mssqlk8s.kube;

import java.util.List;
import java.util.Optional;

/**
 * What the Jobs need to know of one SqlServer resource, without the resource's types.
 *
 * @param saPassword        where the resource's sa password is kept
 * @param masterKeyPassword where its master key password is kept (its reference, or the generated Secret)
 * @param agentLoginSecret  the generated Secret with the agents' login
 */
public record SqlServerFacts(String name, long generation, Optional<String> postInitScript,
        List<String> availabilityGroups, SecretKey saPassword, SecretKey masterKeyPassword, String agentLoginSecret) {
}
