package io.github.mssqlk8s.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pod-template overrides ({@code sqlServerPod}, {@code initSQLPod}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodOverrides {

    private List<LocalObjectReference> imagePullSecrets = new ArrayList<>();

    private Affinity affinity;

    private List<Toleration> tolerations = new ArrayList<>();

    private Map<String, String> nodeSelector = new LinkedHashMap<>();

    private ResourceRequirements resources;

    private Map<String, String> labels = new LinkedHashMap<>();

    private Map<String, String> annotations = new LinkedHashMap<>();

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets == null ? new ArrayList<>() : imagePullSecrets;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations == null ? new ArrayList<>() : tolerations;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector == null ? new LinkedHashMap<>() : nodeSelector;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels == null ? new LinkedHashMap<>() : labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations == null ? new LinkedHashMap<>() : annotations;
    }
}
