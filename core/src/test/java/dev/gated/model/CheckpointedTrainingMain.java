package dev.gated.model;

import dev.gated.data.Dataset;
import java.nio.file.Path;

/**
 * Child process for the kill-and-resume test: trains {@link TrainingFixtures#stackedModel} with a checkpoint
 * after every epoch and prints {@code epoch N} after each, so the parent knows when to kill it.
 * Arguments: checkpoint path, epochs, examples.
 */
public final class CheckpointedTrainingMain {

    public static void main(String[] args) {
        Path checkpoint = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int examples = Integer.parseInt(args[2]);
        Dataset data = TrainingFixtures.sineData(examples, 20);
        Sequential model = TrainingFixtures.stackedModel(7, 20);
        model.fit(data, Fit.epochs(epochs).batchSize(16).quiet()
                .listener(new Checkpoint(checkpoint, 1))
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(Model m, int epoch, int batch, double loss) {
                        // pace the child (numerics untouched) so the parent's kill lands inside an epoch,
                        // however fast the kernels are
                        try {
                            Thread.sleep(15);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void onEpochEnd(Model m, EpochRecord record) {
                        System.out.println("epoch " + (record.epoch() + 1));
                        System.out.flush();
                    }
                }));
        System.out.println("done");
    }
}
