package dev.strata.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The counters of one node, layer by layer, printed together like {@code netstat -s}.
 *
 * <p>Layers are kept in the order they were added, so the output is deterministic.
 */
public final class Counters {

    private final List<LayerCounters<?>> layers = new ArrayList<>();

    /** A node with no layers yet. */
    public Counters() {}

    /**
     * Adds the counters of a layer.
     *
     * @throws IllegalArgumentException if a layer of that name exists
     */
    public <R extends Enum<R>> LayerCounters<R> add(String layer, Class<R> reasonType) {
        Objects.requireNonNull(layer, "layer");
        if (find(layer) != null) {
            throw new IllegalArgumentException("layer " + layer + " already counted");
        }
        LayerCounters<R> c = new LayerCounters<>(layer, reasonType);
        layers.add(c);
        return c;
    }

    /** The counters of {@code layer}, or null. */
    public LayerCounters<?> find(String layer) {
        for (LayerCounters<?> c : layers) {
            if (c.layer().equals(layer)) {
                return c;
            }
        }
        return null;
    }

    /** Every layer, in the order added. */
    public List<LayerCounters<?>> layers() {
        return List.copyOf(layers);
    }

    /** Every layer in {@code netstat -s} style, layers in the order added. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (LayerCounters<?> c : layers) {
            c.format(sb);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
