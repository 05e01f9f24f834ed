package dev.gated.interop.pytorch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.interop.keras.KerasImport;
import dev.gated.interop.safetensors.NamedTensor;
import dev.gated.model.Model;
import dev.gated.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras's reset-after GRU (the default of tf.keras 2 and Keras 3; TF.js cannot make one) checked against
 * PyTorch's GRU, which is the same function: a PyTorch GRU's weights are written in Keras's layout — kernel
 * (I, 3H) with gate blocks z|r|h, recurrent_kernel (H, 3H), bias (2, 3H) = [input bias; recurrent bias] — into
 * a layers-format model.json, imported, and the predictions compared with PyTorch's (libtorch through DJL).
 */
class KerasGruResetAfterTest {

    @TempDir
    Path dir;

    /** Keras block k ← PyTorch block: z ← 1, r ← 0, h ← 2. */
    static final int[] FROM_TORCH = {1, 0, 2};

    @Test
    void kerasResetAfterGruPredictsAsPyTorchGru() throws Exception {
        int in = 3;
        int h = 4;
        TorchModule torch = new TorchModule(TorchModule.Kind.GRU, 1, false, 0, in, h, 2, 21);
        float[] wih = torch.stateDict.get("rnn.weight_ih_l0").data();  // (3H, I), r|z|n
        float[] whh = torch.stateDict.get("rnn.weight_hh_l0").data();  // (3H, H)
        float[] bih = torch.stateDict.get("rnn.bias_ih_l0").data();
        float[] bhh = torch.stateDict.get("rnn.bias_hh_l0").data();
        float[] kernel = new float[in * 3 * h];
        float[] recurrent = new float[h * 3 * h];
        float[] bias = new float[2 * 3 * h];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < h; j++) {
                int row = FROM_TORCH[k] * h + j;
                for (int i = 0; i < in; i++) {
                    kernel[i * 3 * h + k * h + j] = wih[row * in + i];
                }
                for (int i = 0; i < h; i++) {
                    recurrent[i * 3 * h + k * h + j] = whh[row * h + i];
                }
                bias[k * h + j] = bih[row];
                bias[3 * h + k * h + j] = bhh[row];
            }
        }
        float[] fcW = torch.stateDict.get("fc.weight").data();   // (2, H) → Keras Dense kernel (H, 2)
        float[] dense = new float[h * 2];
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < h; i++) {
                dense[i * 2 + o] = fcW[o * h + i];
            }
        }
        float[] denseBias = torch.stateDict.get("fc.bias").data();
        writeModel(new NamedTensor("gru/kernel", new int[] {in, 3 * h}, kernel),
                new NamedTensor("gru/recurrent_kernel", new int[] {h, 3 * h}, recurrent),
                new NamedTensor("gru/bias", new int[] {2, 3 * h}, bias),
                new NamedTensor("dense/kernel", new int[] {h, 2}, dense),
                new NamedTensor("dense/bias", new int[] {2}, denseBias));
        Model model = KerasImport.load(dir.resolve("model.json"));
        Random random = new Random(4);
        float[] x = new float[3 * 5 * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        float[] expected = torch.predict(x, 3, 5, false);
        Tensor actual = model.predict(Tensor.of(x, 3, 5, in));
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual.get(i)));
        }
        System.out.printf("Keras GRU reset_after=True vs PyTorch GRU: max difference %.2e%n", max);
        assertTrue(max <= 1e-5, "max difference " + max);
    }

    private void writeModel(NamedTensor... weights) throws Exception {
        StringBuilder specs = new StringBuilder();
        int bytes = 0;
        for (NamedTensor w : weights) {
            specs.append(specs.length() == 0 ? "" : ", ").append("{\"name\": \"").append(w.name()).append("\", \"shape\": ")
                    .append(java.util.Arrays.toString(w.shape())).append(", \"dtype\": \"float32\"}");
            bytes += 4 * w.data().length;
        }
        String json = """
                {"format": "layers-model", "modelTopology": {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "GRU", "config": {"name": "gru", "units": 4, "activation": "tanh", "recurrent_activation": "sigmoid",
                   "use_bias": true, "return_sequences": false, "return_state": false, "go_backwards": false, "stateful": false,
                   "reset_after": true, "batch_input_shape": [null, null, 3]}},
                  {"class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": "linear", "use_bias": true}}]}},
                 "weightsManifest": [{"paths": ["w.bin"], "weights": [%s]}]}
                """.formatted(specs);
        Files.writeString(dir.resolve("model.json"), json);
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (NamedTensor w : weights) {
            for (float v : w.data()) {
                b.putFloat(v);
            }
        }
        Files.write(dir.resolve("w.bin"), b.array());
    }
}
