package dev.gated.interop.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.interop.ImportException;
import dev.gated.model.Model;
import dev.gated.tensor.Tensor;
import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keras files written by Keras itself, taken from a public repository (see
 * src/test/resources/keras-real/PROVENANCE.md): they load, summarise and predict; where the file carries
 * Keras's own predictions, Gated's equal them; the ones using options Gated's engine lacks are refused by name.
 */
class RealKerasFilesTest {

    static final Path DIR = Path.of("src/test/resources/keras-real");

    static float[] floats(HdfFile h5, String path) {
        return (float[]) h5.getDatasetByPath(path).getDataFlat();
    }

    /** Keras 2 Sequential models saved with Keras's own inputs and predictions beside them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "simple_rnn_tf_keras_2  | simple_rnn_1_input | predictions/dense_1 | SimpleRNN(50), tanh",
        "simple_flatten_lstm_tf_keras_2 | lstm_1_input | predictions/dense_1 | LSTM(50), recurrent_activation=hard_sigmoid (Keras 2: clip(0.2x + 0.5))"})
    void kerasTwoModelsPredictAsKerasDid(String name, String input, String output, String what) throws Exception {
        Model model = KerasImport.load(DIR.resolve(name + "_model.h5"));
        System.out.print(model.summary());
        try (HdfFile io = new HdfFile(DIR.resolve(name + "_inputs_and_outputs.h5"))) {
            int[] dims = io.getDatasetByPath("inputs/" + input).getDimensions();
            Tensor x = Tensor.of(floats(io, "inputs/" + input), dims);
            float[] expected = floats(io, output);
            Tensor y = model.predict(x);
            assertArrayEquals(new int[] {dims[0], 1}, y.shape());
            assertTrue(expected.length == dims[0], "one stored output per example");
            double max = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(expected[i] - y.get(i)));
            }
            System.out.printf("real Keras 2 file %s_model.h5 (%s): max |Gated − Keras| = %.2e over %d predictions%n",
                    name, what, max, dims[0]);
            assertTrue(max <= 1e-5, "max difference " + max);
        }
    }

    /** tf.keras 2.x functional models (SimpleRNN, Bidirectional, Activation, RepeatVector) with no stored predictions. */
    @ParameterizedTest
    @CsvSource({"rnn_0.h5, 3", "rnn_1.h5, 3", "rnn_25.h5, 3", "rnn_27.h5, 3"})
    void tfKerasFilesLoadSummariseAndPredict(String file, int steps) throws Exception {
        Model model = KerasImport.load(DIR.resolve(file));
        String summary = model.summary();
        assertTrue(summary.contains("simple_rnn") || summary.contains("bidirectional"), summary);
        int[] in = model.inputShapes().get(0);
        Random random = new Random(1);
        float[] data = new float[2 * steps * in[1]];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        List<Tensor> y = model.predict(List.of(Tensor.of(data, 2, steps, in[1])), null);
        int[] declared = model.modelOutputShapes().get(0);
        assertTrue(y.get(0).dim(0) == 2 && y.get(0).dim(y.get(0).rank() - 1) == declared[declared.length - 1]);
        for (int i = 0; i < y.get(0).size(); i++) {
            assertTrue(Double.isFinite(y.get(0).get(i)) && y.get(0).get(i) >= 0, "relu output " + y.get(0).get(i));
        }
        System.out.printf("real tf.keras file %-10s loads: %d params, output %s%n", file, model.parameterCount(), y.get(0).shapeString());
    }

    /** LSTMs with Keras 2's hard_sigmoid gates or a relu activation: no stored predictions, so load and predict. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lstm_functional_tf_keras_2.h5 | recurrent_activation=hard_sigmoid_keras2",
        "rnn_5.h5                     | recurrent_activation=hard_sigmoid_keras2",
        "rnn_13.h5                    | activation=relu"})
    void lstmsWithOtherActivationsLoadAndPredict(String file, String option) throws Exception {
        Model model = KerasImport.load(DIR.resolve(file));
        String saved = model.layers().stream().map(l -> l.config().toString()).reduce("", String::concat);
        String[] kv = option.split("=");
        assertTrue(saved.contains(kv[0] + "=" + kv[1]), file + ": the option reaches the cell: " + saved);
        int[] in = model.inputShapes().get(0);
        int steps = in[0] > 0 ? in[0] : 4;
        Random random = new Random(2);
        float[] data = new float[2 * steps * in[1]];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        Tensor y = model.predict(List.of(Tensor.of(data, 2, steps, in[1])), null).get(0);
        for (int i = 0; i < y.size(); i++) {
            assertTrue(Double.isFinite(y.get(i)), file + ": output " + y.get(i));
        }
        System.out.printf("real Keras file %-30s loads (%s): %d params, output %s%n", file, option,
                model.parameterCount(), y.shapeString());
    }

    @Test
    void kerasOneFilesAreRefusedByName() {
        String file = "simple_lstm_tf_keras_1_model.h5";
        ImportException e = assertThrows(ImportException.class, () -> KerasImport.load(DIR.resolve(file)));
        assertTrue(e.getMessage().contains("Keras 1 files"), e.getMessage());
        assertTrue(e.getMessage().contains(file), e.getMessage());
    }
}
