package io.github.mssqlk8s.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One SQL Server instance, and through its {@code availabilityGroups} one replica of each listed AG. */
@Group(SqlServer.GROUP)
@Version(SqlServer.VERSION)
@Kind("SqlServer")
@Plural("sqlservers")
@Singular("sqlserver")
@ShortNames("mssql")
// kubectl get sqlservers: readiness, each AG's name and this instance's role in it, age.
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reconciled", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Reconciled\")].status", priority = 1)
@AdditionalPrinterColumn(name = "AGs", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.availabilityGroups[*].name")
@AdditionalPrinterColumn(name = "Roles", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.availabilityGroups[*].role")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class SqlServer extends CustomResource<SqlServerSpec, SqlServerStatus> implements Namespaced {

    public static final String GROUP = "mssql.microsoft.com";
    public static final String VERSION = "v1";
}
