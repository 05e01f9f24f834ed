package dev.gated.interop.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.gated.interop.safetensors.NamedTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small PyTorch network run through DJL (libtorch 2.7.1, offline, single-threaded, as in core's reference
 * tests): [nn.Embedding] → nn.LSTM/GRU/RNN(num_layers, bidirectional, batch_first) → nn.Linear, with random
 * weights kept as a state_dict (PyTorch's names and shapes), so the same numbers go into a safetensors file.
 */
final class TorchModule {

    enum Kind { LSTM, GRU, RNN }

    final Kind kind;
    final int layers;
    final boolean bidirectional;
    final int inputSize;
    final int hidden;
    final int outputs;
    final int vocabulary;   // 0: no embedding, the input is (B, T, inputSize) floats
    final Map<String, NamedTensor> stateDict = new LinkedHashMap<>();

    private static NDManager base;

    TorchModule(Kind kind, int layers, boolean bidirectional, int vocabulary, int inputSize, int hidden, int outputs, long seed) {
        this.kind = kind;
        this.layers = layers;
        this.bidirectional = bidirectional;
        this.vocabulary = vocabulary;
        this.inputSize = inputSize;
        this.hidden = hidden;
        this.outputs = outputs;
        Random random = new Random(seed);
        int gates = switch (kind) {
            case LSTM -> 4;
            case GRU -> 3;
            case RNN -> 1;
        };
        if (vocabulary > 0) {
            put(random, "emb.weight", vocabulary, inputSize);
        }
        int directions = bidirectional ? 2 : 1;
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < directions; d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                int in = l == 0 ? inputSize : directions * hidden;
                put(random, "rnn.weight_ih" + suffix, gates * hidden, in);
                put(random, "rnn.weight_hh" + suffix, gates * hidden, hidden);
                put(random, "rnn.bias_ih" + suffix, gates * hidden);
                put(random, "rnn.bias_hh" + suffix, gates * hidden);
            }
        }
        put(random, "fc.weight", outputs, directions * hidden);
        put(random, "fc.bias", outputs);
    }

    private void put(Random random, String name, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (random.nextDouble() - 0.5);
        }
        stateDict.put(name, new NamedTensor(name, shape, data));
    }

    static synchronized NDManager manager() {
        if (base == null) {
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            base = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
        }
        return base.newSubManager();
    }

    private NDArray tensor(NDManager m, String name) {
        NamedTensor t = stateDict.get(name);
        long[] shape = new long[t.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.shape()[i];
        }
        NDArray a = m.create(t.data(), new Shape(shape));
        a.setRequiresGradient(true);
        return a;
    }

    /**
     * PyTorch's prediction, run as core's reference tests run it: leaf tensors that require gradients, inside a
     * gradient collector. (Without autograd, libtorch 2.7.1 on this CPU took another LSTM path whose outputs
     * differed from these and from Gated's by up to 4e-2 on a 1-unit LSTM; with autograd they agree to 1e-7.)
     *
     * <p>The prediction: fc applied to every step of the recurrent output (B, T, D·H) when {@code sequences},
     * else to the last layer's final state(s) h_n (forward and, bidirectional, backward, concatenated).
     */
    float[] predict(float[] x, int batch, int steps, boolean sequences) {
        try (NDManager m = manager()) {
            NDArray input;
            if (vocabulary > 0) {
                long[] ids = new long[batch * steps];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = (long) x[i];
                }
                input = m.create(ids, new Shape(batch, steps));
                input = input.getNDArrayInternal().embedding(input, tensor(m, "emb.weight"), SparseFormat.DENSE).get(0);
            } else {
                input = m.create(x, new Shape(batch, steps, inputSize));
            }
            int directions = bidirectional ? 2 : 1;
            NDArray h0 = m.zeros(new Shape((long) layers * directions, batch, hidden));
            NDList params = new NDList();
            for (int l = 0; l < layers; l++) {
                for (int d = 0; d < directions; d++) {
                    String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                    for (String p : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
                        params.add(tensor(m, "rnn." + p + suffix));
                    }
                }
            }
            var ex = input.getNDArrayInternal();
            try (var gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDList out = switch (kind) {
                case LSTM -> ex.lstm(input, new NDList(h0, m.zeros(h0.getShape())), params, true, layers, 0.0, true, bidirectional, true);
                case GRU -> ex.gru(input, h0, params, true, layers, 0.0, true, bidirectional, true);
                case RNN -> ex.rnn(input, h0, params, true, layers, ai.djl.nn.recurrent.RNN.Activation.TANH, 0.0, true, bidirectional, true);
            };
            NDArray features;
            if (sequences) {
                features = out.get(0);
            } else {
                NDArray hN = out.get(1);   // (L·D, B, H)
                List<NDArray> last = new ArrayList<>();
                for (int d = 0; d < directions; d++) {
                    last.add(hN.get((layers - 1) * directions + d));
                }
                features = last.size() == 1 ? last.get(0) : last.get(0).concat(last.get(1), 1);
            }
            NDArray y = features.matMul(tensor(m, "fc.weight").transpose()).add(tensor(m, "fc.bias"));
            return y.toFloatArray();
            }
        }
    }
}
