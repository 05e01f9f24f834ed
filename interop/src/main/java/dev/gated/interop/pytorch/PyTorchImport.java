package dev.gated.interop.pytorch;

import dev.gated.interop.ImportException;
import dev.gated.interop.safetensors.NamedTensor;
import dev.gated.interop.safetensors.SafeTensors;
import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.Layer;
import dev.gated.layer.Parameter;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.GruCell;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts a PyTorch {@code state_dict}, saved as safetensors, into a Gated model of the same architecture,
 * declared by the user:
 * <pre>{@code
 * // PyTorch: emb = nn.Embedding(50, 8); lstm = nn.LSTM(8, 16, num_layers=2, batch_first=True); fc = nn.Linear(16, 3)
 * Sequential model = Sequential.input(Shape.ANY).add(new Embedding(50, 8, false))
 *         .add(Recurrent.lstm(16).returnSequences(true)).add(Recurrent.lstm(16)).add(new Dense(3));
 * PyTorchImport.load(Path.of("model.safetensors"), model);                         // matched by kind and shape
 * PyTorchImport.load(Path.of("model.safetensors"), model, "emb", "lstm", "lstm", "fc");  // or by module name
 * }</pre>
 *
 * <p>Each Gated layer with weights takes the tensors of one PyTorch module — given by name, one per weighted
 * layer in model order (a {@code num_layers = L} module named L times for its L stacked layers), or, without
 * names, the one module whose kind and shapes fit (an error asks for names when several fit):
 * <pre>
 * Recurrent (LSTM, GRU, SimpleRNN)   P.weight_ih_lK (G·H, I) → W = weight_ihᵀ      P.weight_hh_lK (G·H, H) → U = weight_hhᵀ
 *   LSTM, RNN:                       b = bias_ih_lK + bias_hh_lK   (they only ever appear summed)
 *   GRU (reset-after):               b = bias_ih_lK, b̂ = bias_hh_lK   (kept apart, exact)
 * Bidirectional                      the forward layer from …_lK, the backward one from …_lK_reverse
 * Dense        (nn.Linear)           P.weight (U, F) → kernel = weightᵀ;  P.bias (U) → bias (0 without)
 * Embedding    (nn.Embedding)        P.weight (V, D) → the table, as is
 * TimeDistributed(Dense …)           the wrapped Dense layers, in order
 * </pre>
 * Gate orders agree (Gated packs gates in PyTorch's order: LSTM i|f|g|o, GRU r|z|n). PyTorch's GRU is the
 * reset-after variant: a Gated reset-before GRU is refused. {@code nn.RNN(nonlinearity='relu')} cannot be seen in
 * a state_dict; Gated's SimpleRNN is tanh. Every tensor must be used: missing, extra and mis-shaped tensors are
 * errors naming the tensor, the expected shape and the shape found.
 */
public final class PyTorchImport {

    private PyTorchImport() {
    }

    /** Reads {@code file} (safetensors) into {@code model}'s weights; returns the model (built). */
    public static Model load(Path file, Model model, String... modules) throws IOException {
        return load(SafeTensors.read(file), file.toString(), model, modules);
    }

    /** As {@link #load(Path, Model, String...)} for tensors already read; {@code source} names them in messages. */
    public static Model load(Map<String, NamedTensor> tensors, String source, Model model, String... modules)
            throws ImportException {
        model.build();
        List<Layer> targets = weightedLayers(model);
        if (modules.length != 0 && modules.length != targets.size()) {
            throw new ImportException(source + ": " + modules.length + " module names given but the model has "
                    + targets.size() + " layers with weights (" + describe(targets) + ") — give one name per layer");
        }
        StateDict dict = new StateDict(tensors, source);
        Map<String, Integer> nextLayer = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Layer layer = targets.get(i);
            String module = modules.length > 0 ? modules[i] : dict.onlyFit(layer, i + 1, nextLayer);
            int index = layer instanceof Recurrent || layer instanceof Bidirectional ? nextLayer.merge(module, 1, Integer::sum) - 1 : -1;
            String where = "layer " + (i + 1) + " (" + layer.type() + ")";
            assign(dict, where, layer, module, index);
        }
        Set<String> unused = dict.unused();
        if (!unused.isEmpty()) {
            throw new ImportException(source + ": " + unused.size() + " tensor" + (unused.size() == 1 ? "" : "s")
                    + " not used by any layer of the model: " + unused + " — the declared model lacks the layers "
                    + "they belong to (or has fewer stacked recurrent layers than the PyTorch module)");
        }
        return model;
    }

    /** The layers that take weights, TimeDistributed unwrapped; refuses layers with weights it cannot map. */
    static List<Layer> weightedLayers(Model model) throws ImportException {
        List<Layer> out = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof TimeDistributed td) {
                for (Layer inner : td.layers()) {
                    addWeighted(out, inner);
                }
            } else {
                addWeighted(out, layer);
            }
        }
        return out;
    }

    private static void addWeighted(List<Layer> out, Layer layer) throws ImportException {
        if (layer.parameters().isEmpty()) {
            return;
        }
        if (layer instanceof Recurrent || layer instanceof Bidirectional || layer instanceof Dense || layer instanceof Embedding) {
            out.add(layer);
            return;
        }
        throw new ImportException("layer \"" + layer.type() + "\" (" + layer.getClass().getName() + ") has weights but no "
                + "PyTorch mapping here; mapped: LSTM, GRU, RNN (and bidirectional), Linear, Embedding");
    }

    private static String describe(List<Layer> layers) {
        List<String> names = new ArrayList<>();
        for (Layer l : layers) {
            names.add(l.type());
        }
        return String.join(", ", names);
    }

    private static void assign(StateDict dict, String where, Layer layer, String module, int index) throws ImportException {
        if (layer instanceof Recurrent r) {
            assignCell(dict, where, r.cell(), module, "_l" + index);
        } else if (layer instanceof Bidirectional b) {
            assignCell(dict, where, b.forwardLayer().cell(), module, "_l" + index);
            assignCell(dict, where, b.backwardLayer().cell(), module, "_l" + index + "_reverse");
        } else if (layer instanceof Dense d) {
            Parameter kernel = d.parameters().get(0);
            int inputs = kernel.value().dim(0);
            int units = kernel.value().dim(1);
            setTransposed(kernel, dict.take(where, name(module, "weight"), units, inputs));
            if (dict.has(name(module, "bias"))) {
                set(d.parameters().get(1), dict.take(where, name(module, "bias"), units));
            } else {
                d.parameters().get(1).value().fill(0);
            }
        } else {
            Parameter table = layer.parameters().get(0);
            set(table, dict.take(where, name(module, "weight"), table.value().dim(0), table.value().dim(1)));
        }
    }

    private static void assignCell(StateDict dict, String where, Cell cell, String module, String suffix) throws ImportException {
        int width = cell.gateCount() * cell.units();
        boolean gru = cell instanceof GruCell;
        if (gru && !((GruCell) cell).resetAfter()) {
            throw new ImportException(where + ": PyTorch's GRU applies the reset gate after the recurrent product; "
                    + "declare the layer with Recurrent.gru(units), not gruResetBefore");
        }
        setTransposed(cell.kernel(), dict.take(where, name(module, "weight_ih" + suffix), width, cell.inputSize()));
        setTransposed(cell.recurrentKernel(), dict.take(where, name(module, "weight_hh" + suffix), width, cell.units()));
        float[] bih = dict.takeOptional(where, name(module, "bias_ih" + suffix), width);
        float[] bhh = dict.takeOptional(where, name(module, "bias_hh" + suffix), width);
        for (int j = 0; j < width; j++) {
            double input = bih == null ? 0 : bih[j];
            double recurrent = bhh == null ? 0 : bhh[j];
            if (gru) {
                cell.bias().value().set(j, input);
                ((GruCell) cell).recurrentBias().value().set(j, recurrent);
            } else {
                cell.bias().value().set(j, (float) input + (float) recurrent);
            }
        }
    }

    static String name(String module, String parameter) {
        return module.isEmpty() ? parameter : module + "." + parameter;
    }

    private static void set(Parameter p, float[] values) {
        for (int i = 0; i < values.length; i++) {
            p.value().set(i, values[i]);
        }
    }

    /** p (cols, rows) = tᵀ for t (rows, cols). */
    private static void setTransposed(Parameter p, float[] t) {
        int rows = p.value().dim(1);
        int cols = p.value().dim(0);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                p.value().set(c * rows + r, t[r * cols + c]);
            }
        }
    }

    /** The tensors of a state_dict, with the bookkeeping of which have been used. */
    static final class StateDict {
        private final Map<String, NamedTensor> tensors;
        private final String source;
        private final Set<String> used = new LinkedHashSet<>();

        StateDict(Map<String, NamedTensor> tensors, String source) {
            this.tensors = tensors;
            this.source = source;
        }

        boolean has(String name) {
            return tensors.containsKey(name);
        }

        float[] take(String where, String name, int... shape) throws ImportException {
            NamedTensor t = tensors.get(name);
            if (t == null) {
                throw new ImportException(source + ": " + where + " needs tensor \"" + name + "\" of shape "
                        + NamedTensor.describe(shape) + " but the file has none; its tensors are " + new TreeSet<>(tensors.keySet()));
            }
            if (!java.util.Arrays.equals(t.shape(), shape)) {
                throw new ImportException(source + ": " + where + ": tensor \"" + name + "\" must have shape "
                        + NamedTensor.describe(shape) + " but has " + t.shapeText()
                        + " — do the declared layer's sizes match the PyTorch module's?");
            }
            used.add(name);
            return t.data();
        }

        float[] takeOptional(String where, String name, int... shape) throws ImportException {
            return has(name) ? take(where, name, shape) : null;
        }

        Set<String> unused() {
            Set<String> rest = new TreeSet<>(tensors.keySet());
            rest.removeAll(used);
            return rest;
        }

        /** Without names: the one module whose tensors fit {@code layer} (position {@code number} in the model). */
        String onlyFit(Layer layer, int number, Map<String, Integer> nextLayer) throws ImportException {
            List<String> fits = new ArrayList<>();
            for (String module : modules()) {
                if (fits(layer, module, nextLayer.getOrDefault(module, 0))) {
                    fits.add(module);
                }
            }
            if (fits.size() == 1) {
                return fits.get(0);
            }
            String what = "layer " + number + " (" + layer.type() + ")";
            if (fits.isEmpty()) {
                throw new ImportException(source + ": no unused module of the file fits " + what + " — its modules are "
                        + modules() + "; check the declared sizes, or name the modules: PyTorchImport.load(file, model, \"name\", …)");
            }
            throw new ImportException(source + ": modules " + fits + " all fit " + what
                    + " — name the module of each weighted layer: PyTorchImport.load(file, model, \"name\", …)");
        }

        private Set<String> modules() {
            Set<String> modules = new LinkedHashSet<>();
            for (String name : tensors.keySet()) {
                if (!used.contains(name)) {
                    int dot = name.lastIndexOf('.');
                    modules.add(dot < 0 ? "" : name.substring(0, dot));
                }
            }
            return modules;
        }

        private boolean fits(Layer layer, String module, int index) {
            if (layer instanceof Recurrent r) {
                return cellFits(r.cell(), module, "_l" + index) && !has(name(module, "weight_ih_l" + index + "_reverse"));
            }
            if (layer instanceof Bidirectional b) {
                return cellFits(b.forwardLayer().cell(), module, "_l" + index)
                        && cellFits(b.backwardLayer().cell(), module, "_l" + index + "_reverse");
            }
            NamedTensor w = tensors.get(name(module, "weight"));
            if (w == null || used.contains(w.name())) {
                return false;
            }
            int[] table = layer.parameters().get(0).value().shape();
            if (layer instanceof Dense) {
                return java.util.Arrays.equals(w.shape(), new int[] {table[1], table[0]});
            }
            return java.util.Arrays.equals(w.shape(), table) && !has(name(module, "bias"));
        }

        private boolean cellFits(Cell cell, String module, String suffix) {
            NamedTensor ih = tensors.get(name(module, "weight_ih" + suffix));
            NamedTensor hh = tensors.get(name(module, "weight_hh" + suffix));
            int width = cell.gateCount() * cell.units();
            return ih != null && hh != null && !used.contains(ih.name())
                    && java.util.Arrays.equals(ih.shape(), new int[] {width, cell.inputSize()})
                    && java.util.Arrays.equals(hh.shape(), new int[] {width, cell.units()});
        }
    }
}
