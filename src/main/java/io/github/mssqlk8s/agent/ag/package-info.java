/**
 * The AG agents. The supervisor runs one {@code ag-agent} child process per availability group its SqlServer
 * lists; a child is told its AG through {@code MSSQL_K8S_AVAILABILITY_GROUP} and is stopped with SIGTERM.
 */
package io.github.mssqlk8s.agent.ag;
