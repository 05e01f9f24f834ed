package dev.gated.bench;

import java.util.List;
import java.util.Locale;

/** The printed table and the JSON rows. */
final class Table {

    private Table() {
    }

    static String header() {
        return String.format(Locale.ROOT, "%-3s %-4s %-5s %2s | %9s %9s %9s %9s | %8s %8s %8s | %7s %7s %7s | %6s%n",
                "sh", "cell", "mode", "T#", "gated ms", "torch ms", "ort ms", "dl4j ms", "×torch", "×ort", "×dl4j",
                "G GF/s", "T GF/s", "D GF/s", "G %pk");
    }

    static String line(Bench.Row r, double peak) {
        double flops = r.shape().flops(r.cell(), r.mode());
        double gg = flops / r.gated().median() / 1e6;
        return String.format(Locale.ROOT, "%-3s %-4s %-5s %2d | %9s %9s %9s %9s | %8s %8s %8s | %7.1f %7s %7s | %5.1f%%  (gated %s)",
                r.shape().name(), r.cell(), r.mode().name().toLowerCase(Locale.ROOT), r.threads(),
                ms(r.gated()), ms(r.pytorch()), ms(r.onnx()), ms(r.dl4j()), ratio(r.ratio(r.pytorch())),
                ratio(r.ratio(r.onnx())), ratio(r.ratio(r.dl4j())),
                gg, gf(flops, r.pytorch()), gf(flops, r.dl4j()), 100 * gg / peak / r.threads(), range(r.gated()));
    }

    static String render(List<Bench.Row> rows, double peak) {
        StringBuilder b = new StringBuilder(header());
        for (Bench.Row r : rows) {
            b.append(line(r, peak)).append('\n');
        }
        b.append("ms = median per batch; ×torch = PyTorch ms ÷ Gated ms (above 1: Gated faster), ×ort for ONNX Runtime"
                + " (inference only); GF/s = effective"
                + " GFLOP/s (2·G·H·(I+H) per step per sample forward, training = 3× forward); %pk = Gated GF/s ÷"
                + " (threads × measured one-core FMA peak)\n");
        return b.toString();
    }

    private static String ms(Bench.Timing t) {
        return t == null ? "-" : String.format(Locale.ROOT, t.median() < 10 ? "%.3f" : "%.1f", t.median());
    }

    private static String range(Bench.Timing t) {
        return String.format(Locale.ROOT, "min %.3f max %.3f over %d", t.min(), t.max(), t.reps());
    }

    private static String ratio(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String gf(double flops, Bench.Timing t) {
        return t == null ? "-" : String.format(Locale.ROOT, "%.1f", flops / t.median() / 1e6);
    }

    static String json(List<Bench.Row> rows, double peak, String cpu, String loadStart, String loadEnd,
                       String torch, String onnx, String dl4j, String dl4jProblem, String loadWarning,
                       double outsideCores) {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            Bench.Row r = rows.get(i);
            Shape s = r.shape();
            double flops = s.flops(r.cell(), r.mode());
            b.append("  {");
            field(b, "shape", Json.str(s.name()));
            field(b, "B", Integer.toString(s.batch()));
            field(b, "T", Integer.toString(s.steps()));
            field(b, "I", Integer.toString(s.input()));
            field(b, "H", Integer.toString(s.hidden()));
            field(b, "cell", Json.str(r.cell().name()));
            field(b, "mode", Json.str(r.mode().name().toLowerCase(Locale.ROOT)));
            field(b, "threads", Integer.toString(r.threads()));
            timing(b, "gated", r.gated(), flops, s.batch());
            timing(b, "pytorch", r.pytorch(), flops, s.batch());
            timing(b, "dl4j", r.dl4j(), flops, s.batch());
            timing(b, "onnxruntime", r.onnx(), flops, s.batch());
            field(b, "ratio_vs_pytorch", Json.num(r.ratio(r.pytorch())));
            field(b, "ratio_vs_dl4j", Json.num(r.ratio(r.dl4j())));
            field(b, "ratio_vs_onnxruntime", Json.num(r.ratio(r.onnx())));
            field(b, "gated_pct_of_fma_peak", Json.num(100 * flops / r.gated().median() / 1e6 / peak / r.threads()));
            field(b, "fma_peak_gflops_per_core", Json.num(peak));
            field(b, "machine", Json.str(cpu));
            field(b, "load_average_start", Json.str(loadStart));
            field(b, "load_average_end", Json.str(loadEnd));
            field(b, "outside_cores_busy", Json.num(outsideCores));
            field(b, "quiet", Boolean.toString(loadWarning == null));
            if (loadWarning != null) {
                field(b, "load_warning", Json.str(loadWarning));
            }
            field(b, "pytorch_version", Json.str(torch));
            field(b, "dl4j_version", Json.str(dl4j));
            field(b, "onnxruntime_version", Json.str(onnx));
            field(b, "dl4j_note", Json.str(r.cell() == Shape.Cell.GRU ? "DL4J has no GRU layer" : dl4jProblem));
            field(b, "cores", Json.str(System.getProperty("bench.cores")));
            field(b, "jdk", Json.str(System.getProperty("bench.jdk", System.getProperty("java.version"))));
            field(b, "co_load", Boolean.toString("1".equals(System.getProperty("bench.coload"))));
            b.setLength(b.length() - 2);
            b.append(i + 1 < rows.size() ? "},\n" : "}\n");
        }
        return b.append("]\n").toString();
    }

    private static void timing(StringBuilder b, String lib, Bench.Timing t, double flops, int batch) {
        field(b, lib + "_ms", t == null ? "null" : Json.num(t.median()));
        field(b, lib + "_ms_min", t == null ? "null" : Json.num(t.min()));
        field(b, lib + "_ms_max", t == null ? "null" : Json.num(t.max()));
        field(b, lib + "_reps", t == null ? "null" : Integer.toString(t.reps()));
        field(b, lib + "_seq_per_s", t == null ? "null" : Json.num(batch * 1000.0 / t.median()));
        field(b, lib + "_gflops", t == null ? "null" : Json.num(flops / t.median() / 1e6));
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(Json.str(name)).append(": ").append(value).append(", ");
    }
}
