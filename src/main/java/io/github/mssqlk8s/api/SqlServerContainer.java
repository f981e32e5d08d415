package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/** Settings of the mssql-server container; the operator adds what SQL Server needs around them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SqlServerContainer {

    @Required
    @Pattern("^\\S+$")
    private String image;

    private List<EnvVar> env = new ArrayList<>();

    private ResourceRequirements resources;

    private List<VolumeMount> volumeMounts = new ArrayList<>();

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env == null ? new ArrayList<>() : env;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public List<VolumeMount> getVolumeMounts() {
        return volumeMounts;
    }

    public void setVolumeMounts(List<VolumeMount> volumeMounts) {
        this.volumeMounts = volumeMounts == null ? new ArrayList<>() : volumeMounts;
    }
}
