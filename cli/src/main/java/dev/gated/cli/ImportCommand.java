package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.interop.keras.KerasImport;
import dev.gated.interop.layer.InteropLayers;
import dev.gated.interop.onnx.OnnxImport;
import dev.gated.interop.pytorch.PyTorchImport;
import dev.gated.model.Model;
import dev.gated.model.ModelFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gated import}: a Keras, TF.js, ONNX or PyTorch model as a Gated model file. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Bring a model trained elsewhere into Gated (architecture and weights) and save it as a Gated model file.",
        "  .keras            Keras 3 archive",
        "  .h5 / .hdf5       Keras 2, tf.keras 2.x or Keras 3 legacy HDF5 (model.save(\"m.h5\"))",
        "  model.json        TensorFlow.js layers model (its .bin shards beside it)",
        "  .onnx             ONNX: LSTM, GRU, RNN (one or both directions), Gemm/MatMul+Add, Gather, activations",
        "  .safetensors      a PyTorch state_dict: the file holds weights only, so --like names a Gated model file of",
        "                    the same architecture (its weights are replaced); --modules maps layers to module names",
        "Examples: gated import model.keras --out m.gated",
        "          gated import model.onnx --out m.gated",
        "          gated import lstm.safetensors --like arch.gated --modules emb,lstm,lstm,fc --out m.gated"})
final class ImportCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The model file to import.")
    Path file;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "MODEL_FILE", description = "The Gated model file to write.")
    Path out;

    @Option(names = "--like", paramLabel = "MODEL_FILE",
            description = "For .safetensors: a Gated model file with the architecture to fill (e.g. saved from Java).")
    Path like;

    @Option(names = "--modules", split = ",", paramLabel = "NAME",
            description = "For .safetensors: the PyTorch module of each layer with weights, in model order (default: matched by kind and shape).")
    List<String> modules;

    @Override
    public Integer call() throws Exception {
        FileGuard.input(file, "FILE");
        FileGuard.output(out, "--out", file, like);
        InteropLayers.register();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Model model;
        String format;
        if (name.endsWith(".safetensors")) {
            if (like == null) {
                throw usage("FILE " + file + ": a safetensors file holds weights only; give the architecture with "
                        + "--like MODEL_FILE (a Gated model file of the same layers and sizes)");
            }
            FileGuard.input(like, "--like");
            model = ModelFile.loadModel(like);
            PyTorchImport.load(file, model, modules == null ? new String[0] : modules.toArray(new String[0]));
            format = "safetensors";
        } else if (name.endsWith(".onnx")) {
            if (like != null || modules != null) {
                throw usage("--like and --modules are for .safetensors files; " + file + " carries its own architecture");
            }
            model = OnnxImport.load(file);
            format = "onnx";
        } else {
            if (like != null || modules != null) {
                throw usage("--like and --modules are for .safetensors files; " + file + " carries its own architecture");
            }
            model = KerasImport.load(file);
            format = name.endsWith(".json") ? "tfjs" : name.endsWith(".keras") ? "keras" : "keras-h5";
        }
        try (Outputs outputs = new Outputs()) {
            outputs.write("--out", out, model::save);
            outputs.publish();
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "import");
            doc.put("source", file.toString());
            doc.put("format", format);
            doc.put("params", model.parameterCount());
            doc.put("model_file", out.toString());
            Json.print(io().out(), doc);
            return 0;
        }
        io().out().print(model.summary());
        say("imported " + file + " (" + format + ") → " + out);
        return 0;
    }
}
