package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/**
 * The preview's PVC template for the instance root volume. {@code storageClass} is the preview's spelling and
 * {@code storageClassName} the Kubernetes one; either is accepted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeClaimTemplate {

    private List<String> accessModes = new ArrayList<>();

    private VolumeResourceRequirements resources;

    private String storageClass;

    private String storageClassName;

    private LabelSelector selector;

    public List<String> getAccessModes() {
        return accessModes;
    }

    public void setAccessModes(List<String> accessModes) {
        this.accessModes = accessModes == null ? new ArrayList<>() : accessModes;
    }

    public VolumeResourceRequirements getResources() {
        return resources;
    }

    public void setResources(VolumeResourceRequirements resources) {
        this.resources = resources;
    }

    public String getStorageClass() {
        return storageClass;
    }

    public void setStorageClass(String storageClass) {
        this.storageClass = storageClass;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public LabelSelector getSelector() {
        return selector;
    }

    public void setSelector(LabelSelector selector) {
        this.selector = selector;
    }
}
