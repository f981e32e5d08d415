package io.github.mssqlk8s.resources;

/** Something wrong with a spec that the schema cannot catch: a condition reason and a sentence for people. */
public record SpecProblem(String reason, String message) {
}
