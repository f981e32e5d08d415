package io.github.mssqlk8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.mssqlk8s.testing.apiserver.ApiTestNamespace;
import io.github.mssqlk8s.testing.apiserver.GeneratedManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every manifest a user is told to apply — each file in examples/ and each YAML block of README.md — is accepted
 * by a real kube-apiserver. Jobs are created with a server-side dry run (admitted and validated, nothing runs).
 */
class ExamplesApiTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    /** API groups whose CRDs this server does not have; a README block of these is reported, not applied. */
    private static final List<String> NOT_SERVED_HERE = List.of("monitoring.coreos.com/");

    @RegisterExtension
    final ApiTestNamespace api = ApiTestNamespace.create();

    private KubernetesClient admin;

    @BeforeEach
    void installTheCrd() {
        admin = api.admin();
        GeneratedManifests.installCrd(admin);
    }

    @Test
    void everyExampleIsAccepted() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            examples = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        int applied = 0;
        for (Path example : examples) {
            for (HasMetadata document : GeneratedManifests.load(example)) {
                apply(example.getFileName() + " " + document.getKind(), document);
                applied++;
            }
        }
        assertThat(applied).isGreaterThanOrEqualTo(9);
    }

    @Test
    void everyYamlBlockOfTheReadmeIsAccepted() throws IOException {
        List<String> blocks = yamlBlocks(Files.readString(Path.of("README.md")));
        assertThat(blocks).as("```yaml blocks in README.md").isNotEmpty();
        List<String> notServed = new ArrayList<>();
        for (String block : blocks) {
            if (NOT_SERVED_HERE.stream().anyMatch(group -> block.contains("apiVersion: " + group))) {
                notServed.add(block.lines().filter(line -> line.startsWith("kind:")).findFirst().orElse(block));
                continue;
            }
            // A block of bare Role rules (the rotate-creds Job's Role): applied as the Role it describes.
            String manifest = block.startsWith("rules:")
                    ? "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: readme-rules}\n" + block
                    : block;
            apply("README block " + block.lines().findFirst().orElse(""), YAML.unmarshal(manifest, GenericKubernetesResource.class));
        }
        assertThat(notServed).as("README blocks of CRDs this server lacks (the Prometheus operator's)")
                .allSatisfy(kind -> assertThat(kind).isEqualTo("kind: PodMonitor"));
    }

    private void apply(String what, HasMetadata document) {
        document.getMetadata().setNamespace(api.namespace());
        boolean needsPods = document instanceof Job || "Job".equals(document.getKind());
        assertThatCode(() -> {
            if (needsPods) {
                admin.resource(document).dryRun().create();
            } else {
                admin.resource(document).create();
            }
        }).as(what + (needsPods ? " (server-side dry run)" : "") + " is accepted").doesNotThrowAnyException();
    }

    static List<String> yamlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("(?ms)^```yaml\\n(.*?)^```").matcher(markdown);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }
}
