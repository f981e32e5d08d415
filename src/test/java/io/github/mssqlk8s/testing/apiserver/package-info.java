/**
 * The *ApiTest tier's test world: a real kube-apiserver and etcd (built by scripts/kube-testenv), one per test JVM,
 * on loopback, with RBAC and the default admission plugins (Pod Security included).
 *
 * <p>How to write an *ApiTest (it runs in failsafe, after package, so target/kubernetes and the packaged jar exist):
 * <pre>
 * class MyThingApiTest {
 *     &#64;RegisterExtension
 *     final ApiTestNamespace api = ApiTestNamespace.create();          // fresh namespace per test
 *
 *     &#64;Test
 *     void something() {
 *         KubernetesClient admin = api.admin();                         // the harness: system:masters
 *         GeneratedManifests.installCrd(admin);                         // the generated CRD, once per JVM
 *         // a component under its own identity: a ServiceAccount of this namespace with a real token, bound to
 *         // exactly the Role the project gives it; any request outside it fails with 403
 *         KubernetesClient agents = api.clientAs("mssql1-agents", AgentRbac.agentsRole(sqlServer));
 *         KubernetesClient failover = api.clientAs("ag1-failover", AgentRbac.failoverJobRole("ag1"));
 *         // a process of the packaged application under an identity: api.server().environment(api.tokenFor(sa), ns)
 *     }
 * }
 * </pre>
 * The operator with its packaged manifest, as its own ServiceAccount: {@link io.github.mssqlk8s.testing.apiserver.OperatorWorld}
 * (or {@link io.github.mssqlk8s.testing.apiserver.OperatorProcess} alone). Pods come only from
 * {@link io.github.mssqlk8s.testing.apiserver.WorkloadControllerStandIn}: there is no controller-manager, scheduler or
 * kubelet, so no garbage collection, no namespace deletion, no pod status unless a test writes it. An API server outage:
 * send SIGSTOP/SIGCONT to {@code api.server().apiServerProcess()}.
 *
 * <p>Without the binaries every *ApiTest is skipped with one line; with {@code CI=true} or
 * {@code -Dapitest.required=true} it fails instead ({@link io.github.mssqlk8s.testing.apiserver.ApiTestRequirement}).
 */
package io.github.mssqlk8s.testing.apiserver;
