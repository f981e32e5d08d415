/**
 * The {@code SqlServer} custom resource ({@code sqlservers.mssql.microsoft.com/v1}): one resource is one SQL
 * Server instance. Field names follow the 2018 preview so existing manifests keep working. The CRD schema
 * is generated from these classes at build time.
 */
package io.github.mssqlk8s.api;
