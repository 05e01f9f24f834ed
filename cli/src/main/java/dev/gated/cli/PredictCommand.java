package dev.gated.cli;

import dev.gated.interop.layer.InteropLayers;
import dev.gated.interop.tensorfile.TensorFiles;
import dev.gated.model.Model;
import dev.gated.model.ModelFile;
import dev.gated.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gated predict}: any saved model on tensors from files. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Run any Gated model file on input tensors and print or write its outputs as JSON.",
        "A tensor file is JSON {\"shape\": [batch, time, features], \"data\": [... row-major ...]} or NumPy .npy.",
        "Output: one tensor as {\"shape\", \"data\"}; several as {\"outputs\": [...]}.",
        "Example: gated predict --model m.gated --input x.npy --out y.json"})
final class PredictCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A Gated model file.")
    Path model;

    @Option(names = {"--input", "-i"}, required = true, paramLabel = "TENSOR_FILE",
            description = "A .json or .npy tensor; repeat once per model input, in the model's input order.")
    List<Path> inputs;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", description = "Write the outputs here (JSON) instead of standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        FileGuard.input(model, "--model");
        List<Path> all = new ArrayList<>(inputs);
        all.add(model);
        for (Path in : inputs) {
            FileGuard.input(in, "--input");
        }
        FileGuard.output(out, "--out", all.toArray(new Path[0]));
        InteropLayers.register();
        Model network = ModelFile.loadModel(model);
        int expected = network.inputShapes().size();
        if (inputs.size() != expected) {
            throw usage("--input: the model takes " + expected + " input" + (expected == 1 ? "" : "s") + " but "
                    + inputs.size() + " --input file" + (inputs.size() == 1 ? " was" : "s were") + " given");
        }
        List<Tensor> x = new ArrayList<>();
        for (Path in : inputs) {
            try {
                x.add(TensorFiles.read(in));
            } catch (java.io.IOException e) {
                throw new java.io.IOException("--input " + e.getMessage(), e);
            }
        }
        List<Tensor> y;
        try {
            y = network.predict(x, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--input " + inputs.get(0) + ": " + e.getMessage(), e);
        }
        String text = TensorFiles.toJsonText(y);
        if (out == null) {
            io().out().println(text);
            return 0;
        }
        try (Outputs outputs = new Outputs()) {
            outputs.write("--out", out, f -> Files.writeString(f, text + "\n", StandardCharsets.UTF_8));
            outputs.publish();
        }
        return 0;
    }
}
