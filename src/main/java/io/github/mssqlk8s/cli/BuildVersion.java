package io.github.mssqlk8s.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** The application's version, as Quarkus recorded it at build time. */
public class BuildVersion implements IVersionProvider {

    static String text() {
        return "mssql-k8s-agents " + ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.version", String.class).orElse("unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {text()};
    }
}
