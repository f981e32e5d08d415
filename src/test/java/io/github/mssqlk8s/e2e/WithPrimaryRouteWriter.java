package io.github.mssqlk8s.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The E2E tests that check for lost writes: one primary first, then a writer through {@code ag1-primary} all along. */
abstract class WithPrimaryRouteWriter {

    protected E2ECluster cluster;
    protected PrimaryRouteWriter writer;

    @BeforeEach
    void writeThroughThePrimaryRoute() throws Exception {
        cluster = E2ECluster.fromEnvironment();
        cluster.awaitSinglePrimary(Duration.ofMinutes(15));
        writer = new PrimaryRouteWriter(cluster).start();
        await().atMost(Duration.ofMinutes(1)).until(() -> !writer.acknowledged().isEmpty());
    }

    @AfterEach
    void stopWriterAndCluster() throws InterruptedException {
        writer.close();
        cluster.close();
    }
}
