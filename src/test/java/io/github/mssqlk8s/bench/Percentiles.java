package io.github.mssqlk8s.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {

    private final List<Double> sorted;

    Percentiles(List<? extends Number> sample) {
        List<Double> values = new ArrayList<>(sample.stream().map(Number::doubleValue).toList());
        Collections.sort(values);
        this.sorted = values;
    }

    /** The value at {@code quantile} (0..1); NaN for an empty sample. */
    double at(double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }

    double max() {
        return at(1.0);
    }

    int count() {
        return sorted.size();
    }
}
