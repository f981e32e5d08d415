package io.github.mssqlk8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.Operator;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * picocli creates every subcommand, with its injected fields, in every mode. An injected {@link Operator} is a
 * client proxy that subclasses it, so injecting one runs the Operator's constructor: JOSDK's configuration and a
 * Kubernetes client of its own in the health agent and each ag-agent (scripts/bench agents: about 15 MiB each).
 */
class CommandDependenciesTest {

    @Test
    void noCommandInjectsTheOperatorItselfOnlyALookup() {
        List<String> eager = new ArrayList<>();
        for (Class<?> command : commandTree(RootCommand.class)) {
            for (Field field : command.getDeclaredFields()) {
                if (field.isAnnotationPresent(Inject.class) && Operator.class.isAssignableFrom(field.getType())) {
                    eager.add(command.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertThat(eager).as("commands that would build JOSDK's Operator in every mode").isEmpty();
    }

    @Test
    void theTreeHoldsTheOperatorCommand() {
        assertThat(commandTree(RootCommand.class)).contains(OperatorCommand.class, HealthAgentCommand.class);
    }

    private static List<Class<?>> commandTree(Class<?> top) {
        List<Class<?>> all = new ArrayList<>(List.of(top));
        for (Class<?> sub : top.getAnnotation(Command.class).subcommands()) {
            all.addAll(commandTree(sub));
        }
        return all;
    }
}
