package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.interop.layer.InteropLayers;
import dev.gated.interop.onnx.OnnxExport;
import dev.gated.model.Model;
import dev.gated.model.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gated export}: a Gated model in another framework's format (ONNX). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Write a Gated model for another engine: ONNX (opset " + OnnxExport.OPSET + ") for ONNX Runtime and others.",
        "Inputs stay batch-major (batch, time, features) with free batch and time; token inputs are int64.",
        "Example: gated export --model m.gated --format onnx --out m.onnx"})
final class ExportCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A Gated model file.")
    Path model;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "onnx")
    String format;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE", description = "The file to write.")
    Path out;

    @Option(names = "--sequence-lengths", description = "Add an int32 (batch) input <input>_lengths per sequence input: "
            + "the number of valid steps of each row (padding at the end), as a Gated mask.")
    boolean lengths;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("onnx")) {
            throw usage("--format " + format + ": expected onnx");
        }
        FileGuard.input(model, "--model");
        FileGuard.output(out, "--out", model);
        InteropLayers.register();
        Model network = ModelFile.loadModel(model);
        OnnxExport.Options options = lengths ? OnnxExport.Options.defaults().withSequenceLengths() : OnnxExport.Options.defaults();
        byte[] bytes = OnnxExport.toOnnx(network, options).toByteArray();
        try (Outputs outputs = new Outputs()) {
            outputs.write("--out", out, f -> Files.write(f, bytes));
            outputs.publish();
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "export");
            doc.put("model_file", model.toString());
            doc.put("format", "onnx");
            doc.put("opset", OnnxExport.OPSET);
            doc.put("bytes", bytes.length);
            doc.put("out", out.toString());
            Json.print(io().out(), doc);
            return 0;
        }
        say("wrote " + out + " (ONNX opset " + OnnxExport.OPSET + ", " + bytes.length + " bytes)");
        return 0;
    }
}
