package dev.gated.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.gradcheck.GradientCheck;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.Fit;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * CTC against the definition: p(l | x) summed over every one of the C^T frame paths that collapse to l
 * (exhaustive for small T), its gradient against finite differences, the decoders against the most probable
 * labelling found the same exhaustive way, and a small GRU that learns to transcribe with it.
 */
class CtcTest {

    static final int CLASSES = 3;   // blank, a, b

    static Tensor randomLogits(long seed, int batch, int frames, int classes) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] z = new double[batch * frames * classes];
        for (int i = 0; i < z.length; i++) {
            z[i] = 2 * random.nextGaussian();
        }
        return Tensor.of(z, batch, frames, classes);
    }

    /** Every labelling's probability for row b: sum over all C^T paths of Π softmax, grouped by collapse. */
    static Map<String, Double> labellings(Tensor z, int b, int kept) {
        int frames = z.dim(1);
        int classes = z.dim(2);
        double[][] p = new double[kept][classes];
        for (int t = 0; t < kept; t++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z.get((b * frames + t) * classes + c));
            }
            for (int c = 0; c < classes; c++) {
                p[t][c] = Math.exp(z.get((b * frames + t) * classes + c)) / sum;
            }
        }
        Map<String, Double> out = new HashMap<>();
        int paths = (int) Math.pow(classes, kept);
        for (int code = 0; code < paths; code++) {
            int rest = code;
            double prob = 1;
            StringBuilder label = new StringBuilder();
            int previous = 0;
            for (int t = 0; t < kept; t++) {
                int c = rest % classes;
                rest /= classes;
                prob *= p[t][c];
                if (c != 0 && c != previous) {
                    label.append((char) ('0' + c));
                }
                previous = c;
            }
            out.merge(label.toString(), prob, Double::sum);
        }
        return out;
    }

    static String text(int[] labels) {
        StringBuilder s = new StringBuilder();
        for (int l : labels) {
            s.append((char) ('0' + l));
        }
        return s.toString();
    }

    @Test
    void lossIsMinusLogOfThePathSum() {
        Tensor z = randomLogits(1, 4, 6, CLASSES);
        Tensor target = Tensor.of(new double[] {1, 2, 0, 1, 1, 0, 0, 0, 0, 2, 1, 2}, 4, 3);   // "12", "11", "", "212"
        Tensor mask = Tensor.of(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0}, 4, 6);
        String[] expected = {"12", "11", "", "212"};
        int[] kept = {6, 4, 6, 5};
        double sum = 0;
        for (int b = 0; b < 4; b++) {
            sum -= Math.log(labellings(z, b, kept[b]).getOrDefault(expected[b], 0.0));
        }
        double loss = new CtcLoss().compute(z, target, mask, null);
        assertEquals(sum / 4, loss, 1e-12, "CTC loss against the exhaustive sum over 3^T paths");
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Tensor z = randomLogits(2, 3, 7, 4);
        Tensor target = Tensor.of(new double[] {1, 3, 3, 2, 0, 0, 3, 1, 2}, 3, 3);
        Tensor mask = Tensor.of(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0}, 3, 7);
        CtcLoss ctc = new CtcLoss();
        Tensor gradient = z.zerosLike();
        ctc.compute(z, target, mask, gradient);
        GradientCheck.defaults().run("CTC loss ∂/∂logits, repeats, short rows, padded frames",
                () -> ctc.compute(z, target, mask, null), List.of(GradientCheck.Wrt.of("logits", z, gradient))).assertPassed();
        for (int t = 4; t < 7; t++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(0, gradient.get((7 + t) * 4 + c), "padded frames get no gradient");
            }
        }
    }

    @Test
    void stableWhereProbabilitiesUnderflow() {
        Tensor z = randomLogits(3, 1, 400, CLASSES);
        for (int i = 0; i < z.size(); i++) {
            z.set(i, 40 * z.get(i));
        }
        double[] labels = new double[60];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 1 + i % 2;
        }
        Tensor gradient = z.zerosLike();
        double loss = new CtcLoss().compute(z, Tensor.of(labels, 1, 60), null, gradient);
        assertTrue(Double.isFinite(loss) && loss > 745, "a probability far below Double.MIN_VALUE is still a finite loss: " + loss);
        assertEquals(-1, gradient.firstNonFinite(), "and a finite gradient");
    }

    @Test
    void decodersFindTheMostProbableLabelling() {
        // the classic case: the best path "--" says nothing, but "a" is more probable (0.64 against 0.36)
        Tensor z = Tensor.of(new double[] {Math.log(0.6), Math.log(0.4), Math.log(0.6), Math.log(0.4)}, 1, 2, 2);
        assertArrayEquals(new int[0], CtcDecoder.greedy(z, null).get(0));
        assertArrayEquals(new int[] {1}, CtcDecoder.prefixBeam(z, null, 4).get(0));
        int beamRight = 0;
        int greedyRight = 0;
        for (int seed = 0; seed < 40; seed++) {
            Tensor r = randomLogits(100 + seed, 1, 6, CLASSES);
            for (int i = 0; i < r.size(); i++) {
                r.set(i, 0.4 * r.get(i));   // flat distributions, where best path and best labelling differ most
            }
            String best = labellings(r, 0, 6).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            beamRight += text(CtcDecoder.prefixBeam(r, null, 64).get(0)).equals(best) ? 1 : 0;
            greedyRight += text(CtcDecoder.greedy(r, null).get(0)).equals(best) ? 1 : 0;
        }
        System.out.printf("CTC decoding, 40 flat random cases (T = 6, C = 3): prefix beam (64) found the most probable labelling %d times, greedy %d%n",
                beamRight, greedyRight);
        assertEquals(40, beamRight, "a beam wider than the number of prefixes is exact");
        assertTrue(greedyRight < 40, "on flat distributions the best path is not always the best labelling");
        assertEquals(3, CtcDecoder.editDistance(new int[] {1, 2, 3, 4}, new int[] {2, 4, 5}));
        assertEquals(0, CtcDecoder.editDistance(new int[] {}, new int[] {}));
    }

    @Test
    void badTargetsTeach() {
        Tensor z = randomLogits(4, 1, 3, CLASSES);
        CtcLoss ctc = new CtcLoss();
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> ctc.compute(z, Tensor.of(new double[] {1, 1, 2}, 1, 3), null, null));
        assertTrue(tooShort.getMessage().contains("need at least 4"), tooShort.getMessage());
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> ctc.compute(z, Tensor.of(new double[] {1, 0, 2}, 1, 3), null, null));
        assertTrue(gap.getMessage().contains("after padding"), gap.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> ctc.compute(z, Tensor.of(new double[] {3, 0, 0}, 1, 3), null, null));
        assertTrue(range.getMessage().contains("1 … 2"), range.getMessage());
        assertEquals("ctc", Loss.parse("ctc").name());
    }

    /** Symbols 1..3 each held for 2–4 frames with optional silence between: a GRU learns to transcribe them. */
    @Test
    void aSmallGruLearnsToTranscribe() {
        int n = 400;
        int frames = 24;
        SplittableRandom random = new SplittableRandom(5);
        double[] x = new double[n * frames * 4];
        double[] y = new double[n * 5];
        double[] mask = new double[n * frames];
        List<int[]> truth = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int count = 1 + random.nextInt(5);
            int[] labels = new int[count];
            int t = 0;
            for (int u = 0; u < count; u++) {
                labels[u] = 1 + random.nextInt(3);
                y[i * 5 + u] = labels[u];
                t += random.nextInt(2);                            // silence (channel 0)
                for (int k = 2 + random.nextInt(2); k > 0; k--) {
                    x[(i * frames + t++) * 4 + labels[u]] = 1 + 0.3 * random.nextGaussian();
                }
                x[(i * frames + t++) * 4] = 1;                     // a boundary frame, so repeats stay apart
            }
            for (int s = 0; s < t; s++) {
                mask[i * frames + s] = 1;
            }
            truth.add(labels);
        }
        Tensor inputs = Tensor.of(x, n, frames, 4);
        Tensor inputMask = Tensor.of(mask, n, frames);
        Model model = Sequential.input(Shape.anyLength(4)).seed(6)
                .add(Recurrent.gru(24).returnSequences(true))
                .add(new Dense(4))
                .compile(new Adam(0.02), Loss.ctc());
        model.fit(new dev.gated.data.Dataset(inputs, Tensor.of(y, n, 5), inputMask), Fit.epochs(15).batchSize(32).quiet());
        List<int[]> decoded = CtcDecoder.greedy(model.predict(inputs, inputMask), inputMask);
        int exact = 0;
        for (int i = 0; i < n; i++) {
            exact += java.util.Arrays.equals(truth.get(i), decoded.get(i)) ? 1 : 0;
        }
        System.out.printf("CTC toy transcription: %d of %d sequences exactly right after 15 epochs%n", exact, n);
        assertTrue(exact > 0.9 * n, "exact transcriptions: " + exact + " of " + n);
    }
}
