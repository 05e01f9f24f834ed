package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Parameter;
import dev.gated.model.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gated train --checkpoint-every 1} killed with SIGKILL after its first checkpoint, then run again with
 * {@code --resume}, saves exactly the model of an uninterrupted run; the checkpoint is removed once the model is
 * saved, and a resume with other options is refused.
 */
class TrainResumeTest {

    private static final int EPOCHS = 6;

    @TempDir
    Path dir;

    @Test
    void aKilledTrainingResumedFromItsCheckpointSavesTheUninterruptedModel() throws Exception {
        Path data = series(dir.resolve("s.csv"), 600);
        Path out = dir.resolve("m.gated");
        Path checkpoint = dir.resolve("m.gated.checkpoint");
        Process child = ChildGated.start(dir.resolve("child.txt"), train(data, out, "--checkpoint-every", "1"));
        while (!Files.exists(checkpoint) && child.isAlive()) {
            Thread.sleep(2);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        assertTrue(Files.exists(checkpoint), "the child wrote no checkpoint: " + Files.readString(dir.resolve("child.txt")));
        assertFalse(Files.exists(out), "the child should have been killed before it finished");
        int checkpointed = Sequential.load(checkpoint).epochsCompleted();
        assertTrue(checkpointed >= 1 && checkpointed < EPOCHS, "the checkpoint holds " + checkpointed + " epochs");

        Cli.run(train(data, out, "--checkpoint-every", "1", "--resume")).ok();
        assertFalse(Files.exists(checkpoint), "the checkpoint is removed once the model is saved");
        Path uninterrupted = dir.resolve("u.gated");
        Cli.run(train(data, uninterrupted)).ok();

        Sequential resumed = Sequential.load(out);
        Sequential whole = Sequential.load(uninterrupted);
        assertEquals(EPOCHS, resumed.epochsCompleted());
        assertArrayEquals(weights(whole), weights(resumed), "resumed from epoch " + checkpointed
                + ": the weights must be bit-identical to the uninterrupted run's");
        assertArrayEquals(whole.history().loss(), resumed.history().loss(), "loss history");
        assertFalse(resumed.metadata().keySet().stream().anyMatch(k -> k.startsWith("checkpoint.")),
                "the saved model carries no checkpoint stamp");
    }

    @Test
    void resumeRefusesACheckpointOfAnotherTrainingOrNone() throws IOException {
        Path data = series(dir.resolve("s.csv"), 200);
        Path out = dir.resolve("m.gated");
        Cli.run(train(data, out, "--resume")).failsWith(1).says("--resume", "no checkpoint", "m.gated.checkpoint");
        // a checkpoint of a training with other units
        Cli.run(train(data, dir.resolve("a.gated"), "--checkpoint-every", "1", "--epochs", "1")).ok();
        Sequential other = Sequential.load(dir.resolve("a.gated"));
        other.metadata().put("checkpoint.hp.units", "99");
        other.save(dir.resolve("m.gated.checkpoint"));
        Cli.run(train(data, out, "--resume")).failsWith(1).says("--resume", "different training");
        Cli.run(train(data, out, "--resume", "--patience", "3")).failsWith(2).says("--patience");
        Cli.run(train(data, out, "--checkpoint-every", "0")).failsWith(2).says("--checkpoint-every", "0");
        assertFalse(Files.exists(out), "no model is saved by a refused run");
    }

    private static List<String> trainArgs(Path data, Path out) {
        // the tutorial's fixed settings: the uninterrupted run must train exactly as the checkpointed ones
        return new ArrayList<>(List.of("train", "--preset", "keras-tutorial", "--data", data.toString(), "--target",
                "Sales", "--units", "16",
                "--window", "16", "--batch", "4", "--seed", "3", "--out", out.toString()));
    }

    private static String[] train(Path data, Path out, String... extra) {
        List<String> args = trainArgs(data, out);
        if (!List.of(extra).contains("--epochs")) {
            args.addAll(List.of("--epochs", Integer.toString(EPOCHS)));
        }
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static Path series(Path file, int n) throws IOException {
        StringBuilder sb = new StringBuilder("t,Sales\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.4f", Math.sin(i * 0.3) + 0.01 * (i % 7)))
                    .append('\n');
        }
        return Files.writeString(file, sb.toString());
    }

    private static float[] weights(Sequential m) {
        List<Float> all = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            for (float v : p.value().toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
