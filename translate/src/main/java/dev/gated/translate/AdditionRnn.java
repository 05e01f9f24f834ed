package dev.gated.translate;

import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.layer.RepeatVector;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.EpochRecord;
import dev.gated.model.Fit;
import dev.gated.model.Metric;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingListener;
import dev.gated.data.Dataset;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keras's {@code addition_rnn} example as a sanity anchor: the same data ({@link AdditionProblems}), the same
 * model, the same optimiser and batch size, and the epochs Gated needs to reach Keras's 99 % validation accuracy.
 *
 * <pre>
 * Q = 2·digits + 1 question characters, A = digits + 1 answer characters, 12 symbols, H units (128)
 * question (B, Q, 12) one-hot ─ LSTM(H) ─► (B, H) ─ RepeatVector(A) ─► (B, A, H)
 *   ─ LSTM(H, return sequences) ─► (B, A, H) ─ TimeDistributed(Dense(12, softmax)) ─► p (B, A, 12)
 * loss: categorical cross-entropy of p against the answer's symbols (sparse targets (B, A)); Adam(0.001), batch 32
 * character accuracy = mean over answers and positions of [argmax p_t = y_t]   (Keras's "val_accuracy")
 * answer accuracy    = mean over answers of [argmax p_t = y_t for every t]  (the whole sum right)
 * </pre>
 */
public final class AdditionRnn {

    private AdditionRnn() {
    }

    /**
     * One epoch's figures on the validation part.
     *
     * @param epoch             1-based
     * @param loss              mean training loss
     * @param validationLoss    validation loss
     * @param characterAccuracy Keras's {@code val_accuracy}
     * @param answerAccuracy    answers with every character right
     * @param seconds           wall time of the epoch (validation included)
     */
    public record Epoch(int epoch, double loss, double validationLoss, double characterAccuracy, double answerAccuracy, double seconds) {
    }

    /**
     * The run.
     *
     * @param epochs        every epoch trained
     * @param firstReaching the first epoch (1-based) whose character accuracy reached the target, 0 if none did
     * @param parameters    trainable weights
     */
    public record Result(List<Epoch> epochs, int firstReaching, long parameters) {
    }

    /** The example's model, built for {@code problems}' lengths. */
    public static Sequential model(AdditionProblems problems, int units, long seed) {
        int symbols = AdditionProblems.ALPHABET.length();
        return Sequential.input(problems.questionLength(), symbols)
                .add(Recurrent.lstm(units))
                .add(new RepeatVector(problems.answerLength()))
                .add(Recurrent.lstm(units).returnSequences(true))
                .add(new TimeDistributed(new Dense(symbols, Activation.SOFTMAX)))
                .seed(seed)
                .build();
    }

    /**
     * Trains with Adam({@code learningRate}; Keras's default 0.001) until the validation character accuracy reaches
     * {@code target} (then stops) or for {@code maxEpochs}, reporting each epoch to {@code onEpoch} as it ends.
     */
    public static Result train(AdditionProblems problems, int units, int maxEpochs, double target, int batchSize, double learningRate,
                               long seed, Consumer<Epoch> onEpoch) {
        Sequential model = model(problems, units, seed);
        model.compile(new Adam(learningRate), Loss.sparseCategoricalCrossEntropy(false));
        model.metrics(Metric.sparseCategoricalAccuracy());
        int split = problems.validationStart();
        Dataset train = new Dataset(problems.questionTensor(0, split), problems.answerTensor(0, split));
        Tensor validationQuestions = problems.questionTensor(split, problems.size());
        Tensor validationAnswers = problems.answerTensor(split, problems.size());
        List<Epoch> epochs = new ArrayList<>();
        int[] first = {0};
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(Model m, EpochRecord record) {
                double characters = record.metrics().get("val_sparse_categorical_accuracy");
                double answers = answerAccuracy(m.predict(validationQuestions), validationAnswers);
                Epoch e = new Epoch(record.epoch() + 1, record.loss(), record.validationLoss(), characters, answers, record.seconds());
                epochs.add(e);
                onEpoch.accept(e);
                if (characters >= target && first[0] == 0) {
                    first[0] = e.epoch();
                    m.stopTraining();
                }
            }
        };
        model.fit(train, Fit.epochs(maxEpochs).batchSize(batchSize).quiet()
                .validationData(new Dataset(validationQuestions, validationAnswers)).listener(listener));
        return new Result(epochs, first[0], model.parameterCount());
    }

    /** The share of answers (rows of {@code answers}, (N, A)) whose every position's argmax in {@code p} (N, A, 12) is right. */
    static double answerAccuracy(Tensor p, Tensor answers) {
        int n = answers.dim(0);
        int steps = answers.dim(1);
        int symbols = p.dim(2);
        int right = 0;
        for (int i = 0; i < n; i++) {
            boolean all = true;
            for (int t = 0; t < steps && all; t++) {
                int offset = (i * steps + t) * symbols;
                int best = 0;
                for (int c = 1; c < symbols; c++) {
                    if (p.get(offset + c) > p.get(offset + best)) {
                        best = c;
                    }
                }
                all = best == (int) answers.get(i * steps + t);
            }
            right += all ? 1 : 0;
        }
        return (double) right / n;
    }
}
