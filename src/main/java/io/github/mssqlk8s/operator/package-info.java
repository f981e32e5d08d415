/** The operator mode: JOSDK reconciler, workflow, thin dependent resources and status aggregation. */
package io.github.mssqlk8s.operator;
