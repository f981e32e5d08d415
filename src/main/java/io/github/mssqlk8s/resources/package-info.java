/**
 * Pure builders: from a SqlServer (and settings) to the Kubernetes objects the operator owns. No client, no
 * clock, no randomness that is not passed in; unit-tested without a cluster.
 */
package io.github.mssqlk8s.resources;
