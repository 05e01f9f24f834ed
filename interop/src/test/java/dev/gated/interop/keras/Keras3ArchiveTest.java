package dev.gated.interop.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.interop.ImportException;
import dev.gated.interop.safetensors.NamedTensor;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.Model;
import dev.gated.tensor.Tensor;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .keras reader (Keras 3: a zip of config.json and model.weights.h5 whose weights sit at
 * /layers/&lt;name&gt;/[forward_layer|backward_layer/][cell/|layer/]vars/0, 1, …): TF.js fixtures' weights are
 * written in that layout (with jHDF's writer) and must give the same predictions as TF.js did.
 */
class Keras3ArchiveTest {

    @TempDir
    Path dir;

    /** Writes a .keras archive holding the fixture's config and weights in Keras 3's layout. */
    Path archive(String fixture, Map<String, List<String>> subPaths) throws Exception {
        Path folder = TfjsFixturesTest.FIXTURES.resolve(fixture);
        JsonNode root = new ObjectMapper().readTree(Files.readString(folder.resolve("model.json")));
        Map<String, List<NamedTensor>> weights = KerasWeightFiles.tfjs(root.path("weightsManifest"), folder, fixture);
        Path h5 = dir.resolve(fixture + ".weights.h5");
        try (WritableHdfFile file = HdfFile.write(h5)) {
            WritableGroup layers = file.putGroup("layers");
            for (var e : weights.entrySet()) {
                WritableGroup layer = layers.putGroup(e.getKey());
                List<String> paths = subPaths.getOrDefault(e.getKey(), List.of(""));
                int perPath = e.getValue().size() / paths.size();
                for (int p = 0; p < paths.size(); p++) {
                    WritableGroup g = layer;
                    for (String part : paths.get(p).split("/")) {
                        if (!part.isEmpty()) {
                            g = g.putGroup(part);
                        }
                    }
                    WritableGroup vars = g.putGroup("vars");
                    for (int i = 0; i < perPath; i++) {
                        vars.putDataset(Integer.toString(i), array(e.getValue().get(p * perPath + i)));
                    }
                }
            }
        }
        Path keras = dir.resolve(fixture + ".keras");
        try (OutputStream out = Files.newOutputStream(keras); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("metadata.json"));
            zip.write("{\"keras_version\": \"3.x (written by a test)\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(root.path("modelTopology").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("model.weights.h5"));
            zip.write(Files.readAllBytes(h5));
        }
        return keras;
    }

    private static Object array(NamedTensor t) {
        if (t.shape().length == 1) {
            return t.data();
        }
        float[][] rows = new float[t.shape()[0]][t.shape()[1]];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(t.data(), r * rows[r].length, rows[r], 0, rows[r].length);
        }
        return rows;
    }

    double maxDifference(String fixture, Path keras) throws Exception {
        Model model = KerasImport.load(keras);
        JsonNode expected = new ObjectMapper().readTree(Files.readString(TfjsFixturesTest.FIXTURES.resolve(fixture).resolve("expected.json")));
        List<Tensor> inputs = new ArrayList<>();
        expected.path("inputs").forEach(t -> inputs.add(TfjsFixturesTest.tensor(t)));
        Tensor want = TfjsFixturesTest.tensor(expected.path("outputs").get(0));
        Tensor got = model.predict(inputs, null).get(0);
        assertEquals(want.size(), got.size());
        double max = 0;
        for (int i = 0; i < want.size(); i++) {
            max = Math.max(max, Math.abs(want.get(i) - got.get(i)));
        }
        System.out.printf(".keras archive of %-28s max |Gated − TF.js| = %.2e%n", fixture, max);
        return max;
    }

    @Test
    void bidirectionalAndTimeDistributedWeightsAreFoundInKeras3Layout() throws Exception {
        Path keras = archive("bidirectional_lstm_concat", Map.of(
                "bidirectional_Bidirectional1", List.of("forward_layer/cell", "backward_layer/cell"),
                "time_distributed_TimeDistributed1", List.of("layer")));
        assertTrue(maxDifference("bidirectional_lstm_concat", keras) <= 1e-5);
    }

    @Test
    void embeddingAndLstmCellWeightsAreFoundInKeras3Layout() throws Exception {
        Path keras = archive("embedding_mask_zero_lstm", Map.of("lstm_LSTM3", List.of("cell")));
        assertTrue(maxDifference("embedding_mask_zero_lstm", keras) <= 1e-5);
    }

    /**
     * The TF.js fixture's hard_sigmoid LSTM written as a .keras archive: Keras 3 means relu6(x + 3)/6 by that name,
     * so the import takes {@link CellActivation#HARD_SIGMOID_KERAS3} and no longer gives TF.js's clip(0.2x + 0.5)
     * answer, while a Gated LSTM with the Keras 2 form and the same weights does.
     */
    @Test
    void hardSigmoidInAKeras3ArchiveIsKeras3s() throws Exception {
        Path keras = archive("lstm_hard_sigmoid", Map.of("lstm_LSTM5", List.of("cell")));  // 1.1e-3 from TF.js here
        Model model = KerasImport.load(keras);
        Recurrent lstm = (Recurrent) model.layers().get(0);
        assertEquals(CellActivation.HARD_SIGMOID_KERAS3, lstm.cell().recurrentActivation());
        double keras3 = maxDifference("lstm_hard_sigmoid", keras);
        assertTrue(keras3 > 1e-4, "Keras 3's hard sigmoid differs from TF.js's: " + keras3);
        assertTrue(TfjsFixturesTest.maxDifference("lstm_hard_sigmoid") <= 1e-5, "the TF.js file means TF.js's");
    }

    @Test
    void archiveWithoutWeightsIsRefused() throws Exception {
        Path keras = dir.resolve("empty.keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(keras))) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ImportException e = assertThrows(ImportException.class, () -> KerasImport.load(keras));
        assertTrue(e.getMessage().contains("has no model.weights.h5"), e.getMessage());
    }
}
