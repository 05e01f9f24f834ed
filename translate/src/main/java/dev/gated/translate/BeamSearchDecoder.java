package dev.gated.translate;

import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search with the step model, one sentence at a time; the k live hypotheses are one batch of k rows.
 *
 * <pre>
 * enc, s_0 = encoder(source);  beam = {([], 0, s_0)}
 * repeat up to L = GreedyDecoder.limit(S, maxLength) steps:
 *   logits, s' = decoderStep(last tokens of the beam (k, 1), enc repeated k times, states (k, H))
 *   log p = log_softmax(logits)                                            (k, V)
 *   candidates: every (hypothesis, token) with score + log p(token); keep the k best
 *   a candidate ending in END is finished: final score = score / |y|^α   (|y| counts END; α = 0: raw log-prob)
 *   stop when k hypotheses are finished or none is live
 * result: the finished hypothesis with the best final score (else the best live one)
 * </pre>
 * Width 1 is greedy decoding. Length normalisation (Wu et al. 2016 use ((5+|y|)/6)^α; here |y|^α) keeps
 * short outputs from winning only because they multiply fewer probabilities.
 */
public final class BeamSearchDecoder {

    private BeamSearchDecoder() {
    }

    private record Hypothesis(int[] tokens, double score, int row) {
    }

    public static int[] decode(Seq2Seq model, int[] source, int width, double alpha, int maxLength) {
        if (width < 1) {
            throw new IllegalArgumentException("beam width must be ≥ 1 but is " + width);
        }
        if (alpha < 0) {
            throw new IllegalArgumentException("length-normalisation α must be ≥ 0 but is " + alpha);
        }
        Tensor[] src = EncodedBatch.sources(List.of(source));
        List<Tensor> encoded = model.encoder().predict(List.of(src[0]), null);
        List<Tensor> state = new ArrayList<>(encoded.subList(1, encoded.size()));
        List<Hypothesis> live = List.of(new Hypothesis(new int[0], 0, 0));
        List<Hypothesis> finished = new ArrayList<>();
        int limit = GreedyDecoder.limit(source.length, maxLength);
        for (int t = 0; t <= limit && !live.isEmpty() && finished.size() < width; t++) {
            int k = live.size();
            float[] tokens = new float[k];
            int[] rows = new int[k];
            for (int i = 0; i < k; i++) {
                int[] y = live.get(i).tokens();
                tokens[i] = y.length == 0 ? SymbolTokenizer.START : y[y.length - 1];
                rows[i] = live.get(i).row();
            }
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> masks = new ArrayList<>();
            inputs.add(Tensor.of(tokens, k, 1));
            masks.add(null);
            if (model.readsEncoderOutputs()) {
                inputs.add(repeat(encoded.get(0), k));
                masks.add(repeat(src[1], k));
            }
            for (Tensor s : state) {
                inputs.add(gather(s, rows));
                masks.add(null);
            }
            List<Tensor> out = model.decoderStep().predict(inputs, masks);
            Tensor logits = out.get(0);
            state = new ArrayList<>(out.subList(1, out.size()));
            int v = logits.dim(2);
            List<Hypothesis> candidates = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                double[] logp = logSoftmax(logits, i * v, v);
                for (int c = SymbolTokenizer.END; c < v; c++) {
                    if (c == SymbolTokenizer.UNKNOWN) {
                        continue;
                    }
                    int[] y = live.get(i).tokens();
                    int[] next = java.util.Arrays.copyOf(y, y.length + 1);
                    next[y.length] = c;
                    candidates.add(new Hypothesis(next, live.get(i).score() + logp[c], i));
                }
            }
            candidates.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
            List<Hypothesis> nextLive = new ArrayList<>();
            for (Hypothesis h : candidates) {
                if (nextLive.size() + finished.size() >= width) {
                    break;
                }
                boolean ends = h.tokens()[h.tokens().length - 1] == SymbolTokenizer.END || t == limit;
                if (ends) {
                    finished.add(new Hypothesis(h.tokens(), h.score() / Math.pow(h.tokens().length, alpha), h.row()));
                } else {
                    nextLive.add(h);
                }
            }
            live = nextLive;
        }
        List<Hypothesis> pool = finished.isEmpty() ? live : finished;
        Hypothesis best = pool.stream().max(Comparator.comparingDouble(Hypothesis::score)).orElseThrow();
        int[] y = best.tokens();
        int n = y.length > 0 && y[y.length - 1] == SymbolTokenizer.END ? y.length - 1 : y.length;
        return java.util.Arrays.copyOf(y, n);
    }

    private static double[] logSoftmax(Tensor logits, int offset, int v) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < v; c++) {
            max = Math.max(max, logits.get(offset + c));
        }
        double sum = 0;
        for (int c = 0; c < v; c++) {
            sum += Math.exp(logits.get(offset + c) - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[v];
        for (int c = 0; c < v; c++) {
            out[c] = logits.get(offset + c) - log;
        }
        return out;
    }

    /** Row 0 of {@code t} (1, …) repeated k times: (k, …). */
    private static Tensor repeat(Tensor t, int k) {
        int[] shape = t.shape();
        int row = t.size() / shape[0];
        shape[0] = k;
        Tensor out = Tensor.zeros(t.precision(), shape);
        for (int i = 0; i < k; i++) {
            out.copyFrom(t, 0, i * row, row);
        }
        return out;
    }

    /** Rows {@code rows} of {@code t} (n, W): (rows.length, W). */
    private static Tensor gather(Tensor t, int[] rows) {
        int[] shape = t.shape();
        int row = t.size() / shape[0];
        shape[0] = rows.length;
        Tensor out = Tensor.zeros(t.precision(), shape);
        for (int i = 0; i < rows.length; i++) {
            out.copyFrom(t, rows[i] * row, i * row, row);
        }
        return out;
    }
}
