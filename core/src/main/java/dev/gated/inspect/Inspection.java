package dev.gated.inspect;

import java.util.List;

/**
 * What happened inside a model on one input sequence: the loss, the output and, for every recurrent layer,
 * the per-step gates, states and gradient norms. Plain records of numbers, lists and maps: Jackson writes
 * them as they are (the command line and the studio do) into this shape:
 *
 * <pre>
 * {"loss": 0.0123, "output": [0.98],
 *  "layers": [{"layer": 0, "cell": "lstm", "gate_names": ["i","f","g","o"], "units": 2,
 *              "steps": [{"t": 0, "gates": {"i": [..H..], "f": [..], "g": [..], "o": [..]},
 *                         "cell": [..H..], "hidden": [..H..], "gradient_norm": 0.0042}, …]}]}
 * </pre>
 *
 * @param loss   the loss on this example
 * @param output the model's output for this example, flattened
 * @param layers one trace per recurrent layer, in model order
 */
public record Inspection(double loss, double[] output, List<LayerTrace> layers) {

    public Inspection {
        layers = List.copyOf(layers);
    }

    /** The first recurrent layer's trace (most models have one). */
    public LayerTrace trace() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("the model has no recurrent layer to inspect");
        }
        return layers.get(0);
    }
}
