package io.github.mssqlk8s.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class GeneratedSecretsTest {

    private static final Random SEEDED = new Random(42);

    @RepeatedTest(50)
    void everyPasswordMeetsSqlServersPolicy() {
        String password = GeneratedSecrets.newPassword(SEEDED);

        assertThat(password).hasSize(32)
                .containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]").containsPattern("[-_.+=]")
                .matches("[A-Za-z0-9_.+=-]+");
    }

    @Test
    void passwordsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(GeneratedSecrets.newPassword(SEEDED));
        }
        assertThat(seen).hasSize(1000);
    }
}
