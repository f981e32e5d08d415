package io.github.mssqlk8s.ha;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One AG as the rollout sees it.
 *
 * @param name                            the AG
 * @param requiredSynchronizedSecondaries its commit durability (RSSTC, {@link CommitDurability})
 * @param members                         every member, the primary included
 * @param switchoverRequested             a planned switchover request is in the AG's ConfigMap and not done yet
 */
public record RolloutAg(String name, int requiredSynchronizedSecondaries, List<RolloutMember> members,
                        boolean switchoverRequested) {

    public RolloutAg {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
    }

    public Optional<RolloutMember> member(String instance) {
        return members.stream().filter(m -> m.instance().equals(instance)).findFirst();
    }

    public List<RolloutMember> primaries() {
        return members.stream().filter(RolloutMember::isPrimary).toList();
    }
}
