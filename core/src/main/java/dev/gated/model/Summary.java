package dev.gated.model;

import dev.gated.layer.Attention;
import dev.gated.layer.Layer;
import dev.gated.layer.Node;
import dev.gated.layer.Parameter;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.tensor.Shape;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders {@code model.summary()} the way Keras prints it; graph models get a "Connected to" column. */
final class Summary {

    private static final int WIDTH = 65;

    private Summary() {
    }

    static String of(Sequential model) {
        List<int[]> shapes = model.outputShapes();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            names.add(layer.type() + (i == 0 ? "" : "_" + i) + " (" + displayType(layer) + ")");
        }
        int nameWidth = Math.max(29, names.stream().mapToInt(String::length).max().orElse(0) + 2);
        String row = "%-" + nameWidth + "s%-26s%10s%n";
        int width = WIDTH + nameWidth - 29;
        StringBuilder sb = header("sequential", String.format(Locale.ROOT, row, "Layer (type)", "Output Shape", "Param #"), width);
        for (int i = 0; i < names.size(); i++) {
            sb.append(String.format(Locale.ROOT, row, names.get(i), Shape.withBatch(shapes.get(i)),
                    String.format(Locale.ROOT, "%,d", count(model.layers().get(i)))));
        }
        return footer(sb, model, width);
    }

    static String of(GraphModel model) {
        model.build();
        int width = 100;
        StringBuilder sb = header("functional", String.format(Locale.ROOT, "%-29s%-22s%10s  %s%n", "Layer (type)", "Output Shape",
                "Param #", "Connected to"), width);
        for (Node in : model.inputs()) {
            sb.append(String.format(Locale.ROOT, "%-29s%-22s%,10d  %s%n", in.name() + " (Input)", Shape.withBatch(in.shape()), 0, "-"));
        }
        Map<Layer, Integer> seen = new IdentityHashMap<>();
        Map<Node, String> names = new IdentityHashMap<>();
        for (Node in : model.inputs()) {
            names.put(in, in.name());
        }
        for (Node.Call call : model.calls()) {
            Layer layer = call.layer();
            int index = model.layers().indexOf(layer);
            boolean first = seen.put(layer, index) == null;
            String name = layer.type() + "_" + index;
            for (Node out : call.outputs()) {
                names.put(out, name + (call.outputs().size() > 1 ? "[" + out.outputIndex() + "]" : ""));
            }
            StringBuilder from = new StringBuilder();
            for (Node in : call.inputs()) {
                from.append(from.length() == 0 ? "" : ", ").append(names.getOrDefault(in, "?"));
            }
            String shapes = call.outputs().size() == 1 ? Shape.withBatch(call.outputs().get(0).shape())
                    : call.outputs().stream().map(n -> Shape.withBatch(n.shape())).reduce((a, b) -> a + " " + b).orElse("");
            sb.append(String.format(Locale.ROOT, "%-29s%-22s%10s  %s%n", name + " (" + displayType(layer) + ")", shapes,
                    first ? String.format(Locale.ROOT, "%,d", count(layer)) : "shared", from));
        }
        return footer(sb, model, width);
    }

    private static StringBuilder header(String kind, String columns, int width) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(kind).append("\"\n").append("_".repeat(width)).append('\n');
        sb.append(columns);
        sb.append("=".repeat(width)).append('\n');
        return sb;
    }

    private static String footer(StringBuilder sb, Model model, int width) {
        long total = model.parameterCount();
        sb.append("=".repeat(width)).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d%nTrainable params: %,d%nNon-trainable params: 0%n", total, total));
        return sb.toString();
    }

    private static long count(Layer layer) {
        long count = 0;
        for (Parameter p : layer.parameters()) {
            count += p.value().size();
        }
        return count;
    }

    private static String displayType(Layer layer) {
        return switch (layer.type()) {
            case "lstm" -> "LSTM";
            case "gru" -> "GRU";
            case "simple_rnn" -> "SimpleRNN";
            case "dense" -> "Dense";
            case "dropout" -> "Dropout";
            case "embedding" -> "Embedding";
            case "attention" -> ((Attention) layer).score() == Attention.Score.ADDITIVE
                    ? "AdditiveAttention" : "Attention";
            case "layer_normalization" -> "LayerNormalization";
            case "repeat_vector" -> "RepeatVector";
            case "time_distributed" -> "TimeDistributed(" + ((TimeDistributed) layer).layers().stream()
                    .map(Summary::displayType).reduce((a, b) -> a + ", " + b).orElse("") + ")";
            case "bidirectional" -> "Bidirectional(" + ((Bidirectional) layer).forwardLayer().type().toUpperCase(Locale.ROOT) + ")";
            default -> Character.toUpperCase(layer.type().charAt(0)) + layer.type().substring(1);
        };
    }
}
