package dev.gated.model;

import dev.gated.layer.Layer;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Bidirectional;
import java.util.List;
import java.util.Locale;

/** Renders {@link Sequential#summary()} the way Keras prints {@code model.summary()}. */
final class Summary {

    private Summary() {
    }

    static String of(Sequential model) {
        List<int[]> shapes = model.outputShapes();
        String rule = "=".repeat(65);
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"sequential\"\n").append("_".repeat(65)).append('\n');
        sb.append(String.format(Locale.ROOT, "%-29s%-26s%10s%n", "Layer (type)", "Output Shape", "Param #"));
        sb.append(rule).append('\n');
        long total = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            long count = 0;
            for (Parameter p : layer.parameters()) {
                count += p.value().size();
            }
            total += count;
            String name = layer.type() + (i == 0 ? "" : "_" + i) + " (" + displayType(layer) + ")";
            sb.append(String.format(Locale.ROOT, "%-29s%-26s%,10d%n", name, shape(shapes.get(i)), count));
        }
        sb.append(rule).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d%nTrainable params: %,d%nNon-trainable params: 0%n", total, total));
        return sb.toString();
    }

    private static String displayType(Layer layer) {
        return switch (layer.type()) {
            case "lstm" -> "LSTM";
            case "gru" -> "GRU";
            case "simple_rnn" -> "SimpleRNN";
            case "dense" -> "Dense";
            case "dropout" -> "Dropout";
            case "embedding" -> "Embedding";
            case "bidirectional" -> "Bidirectional(" + ((Bidirectional) layer).forwardLayer().type().toUpperCase(Locale.ROOT) + ")";
            default -> layer.type();
        };
    }

    private static String shape(int[] s) {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : s) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }
}
