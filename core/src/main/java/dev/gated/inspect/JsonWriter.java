package dev.gated.inspect;

import java.util.List;
import java.util.Map;

/** Writes an {@link Inspection} as JSON by hand (core has no JSON library); NaN and ±∞ become null. */
final class JsonWriter {

    private final StringBuilder sb = new StringBuilder();

    private JsonWriter() {
    }

    static String write(Inspection inspection) {
        JsonWriter w = new JsonWriter();
        w.sb.append("{\"loss\":");
        w.number(inspection.loss());
        w.sb.append(",\"output\":");
        w.numbers(inspection.output());
        w.sb.append(",\"layers\":[");
        List<LayerTrace> layers = inspection.layers();
        for (int i = 0; i < layers.size(); i++) {
            w.sb.append(i == 0 ? "" : ",");
            w.layer(layers.get(i));
        }
        return w.sb.append("]}").toString();
    }

    private void layer(LayerTrace trace) {
        sb.append("{\"layer\":").append(trace.layer()).append(",\"cell\":");
        string(trace.cell());
        sb.append(",\"gate_names\":[");
        for (int i = 0; i < trace.gateNames().size(); i++) {
            sb.append(i == 0 ? "" : ",");
            string(trace.gateNames().get(i));
        }
        sb.append("],\"units\":").append(trace.units()).append(",\"steps\":[");
        for (int t = 0; t < trace.steps().size(); t++) {
            sb.append(t == 0 ? "" : ",");
            step(trace.steps().get(t));
        }
        sb.append("]}");
    }

    private void step(StepState s) {
        sb.append("{\"t\":").append(s.t()).append(",\"gates\":{");
        boolean first = true;
        for (Map.Entry<String, double[]> e : s.gates().entrySet()) {
            sb.append(first ? "" : ",");
            first = false;
            string(e.getKey());
            sb.append(':');
            numbers(e.getValue());
        }
        sb.append("},\"cell\":");
        numbers(s.cell());
        sb.append(",\"hidden\":");
        numbers(s.hidden());
        sb.append(",\"gradient_norm\":");
        number(s.gradientNorm());
        sb.append('}');
    }

    private void numbers(double[] values) {
        if (values == null) {
            sb.append("null");
            return;
        }
        sb.append('[');
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",");
            number(values[i]);
        }
        sb.append(']');
    }

    private void number(double v) {
        sb.append(Double.isFinite(v) ? Double.toString(v) : "null");
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
