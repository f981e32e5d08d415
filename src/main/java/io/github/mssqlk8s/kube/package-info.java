/** fabric8 adapters used outside the operator SDK: cluster access, leases, pod labels, events, status patches. */
package io.github.mssqlk8s.kube;
