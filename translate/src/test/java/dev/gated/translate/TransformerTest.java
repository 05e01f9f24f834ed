package dev.gated.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Transformer row on a toy task: it must learn to reverse strings it never saw, and every decoder must agree. */
class TransformerTest {

    static final TransformerShape SMALL = new TransformerShape(1, 2, 64, 0.0);
    static final List<Example> TEST = reversals(40, 2);

    private static Translator trained;

    /** Strings of 3–6 letters from a–f and their reversal, seeded. */
    static List<Example> reversals(int count, long seed) {
        Random random = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder();
            int length = 3 + random.nextInt(4);
            for (int k = 0; k < length; k++) {
                s.append((char) ('a' + random.nextInt(6)));
            }
            out.add(new Example(s.toString(), List.of(new StringBuilder(s).reverse().toString())));
        }
        return out;
    }

    static List<String> testSources() {
        return TEST.stream().map(Example::source).toList();
    }

    /** One layer, two heads, D = 32: 400 reversals, 14 epochs (about 5 s on 2 cores), shared by the tests. */
    private static synchronized Translator reverser() {
        if (trained == null) {
            trained = Translator.train(reversals(400, 1), ModelSpec.parse("transformer", 32, 1, SMALL),
                    new TrainingOptions("char", 0, 14, 16, 0.003, 1.0, 7), List.of());
        }
        return trained;
    }

    @Test
    void learnsToReverseUnseenStrings() {
        Translator t = reverser();
        List<String> out = t.translate(testSources());
        double exact = Scores.of(out, TEST).exactMatch();
        assertTrue(exact >= 0.9, "exact match " + exact + " on 40 unseen strings: " + out);
        double[] loss = t.history().loss();
        assertTrue(loss[loss.length - 1] < 0.05 * loss[0], "loss " + loss[0] + " → " + loss[loss.length - 1]);
    }

    @Test
    void greedyEqualsRerunningTheWholeGraphAndBeamWidthOne() {
        Translator t = reverser();
        List<int[]> ids = testSources().stream().map(t.sourceTokens()::encode).toList();
        List<int[]> greedy = GreedyDecoder.decode(t.model(), ids, 50);
        List<int[]> rerun = PrefixGreedyDecoder.decode(t.model(), ids, 50);
        for (int i = 0; i < ids.size(); i++) {
            assertArrayEquals(rerun.get(i), greedy.get(i), "encoder once + decoder graph vs the training graph, sentence " + i);
            assertArrayEquals(greedy.get(i), BeamSearchDecoder.decode(t.model(), ids.get(i), 1, 0, 50), "beam width 1 = greedy, sentence " + i);
        }
        List<String> beam = t.translateBeam(testSources(), 4, 1.0);
        assertTrue(Scores.of(beam, TEST).exactMatch() >= 0.9, "beam 4: " + beam);
    }

    @Test
    void keyValueCacheGivesTheLogitsTokensAndScoresOfRerunningThePrefix() {
        Translator t = reverser();
        TransformerSeq2Seq m = (TransformerSeq2Seq) t.model();
        List<int[]> ids = testSources().stream().map(t.sourceTokens()::encode).toList();
        Decoding cached = m.begin(ids);
        Decoding prefix = m.beginWithoutCache(ids);
        assertTrue(cached instanceof CachedDecoding, "the transformer decodes with its key/value cache by default");
        float[] tokens = new float[ids.size()];
        java.util.Arrays.fill(tokens, SymbolTokenizer.START);
        int[] rows = Decoding.identity(ids.size());
        for (int step = 0; step < 8; step++) {
            dev.gated.tensor.Tensor a = cached.next(tokens.clone(), rows);
            dev.gated.tensor.Tensor b = prefix.next(tokens.clone(), rows);
            assertArrayEquals(b.shape(), a.shape());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(b.get(i), a.get(i), 1e-4, "step " + step + ", logit " + i);
            }
            int v = a.dim(2);
            for (int r = 0; r < tokens.length; r++) {
                tokens[r] = GreedyDecoder.argmax(a, r * v, v);
            }
        }
        List<int[]> greedyCached = GreedyDecoder.decode(m.begin(ids), ids, 50);
        List<int[]> greedyPrefix = GreedyDecoder.decode(m.beginWithoutCache(ids), ids, 50);
        for (int i = 0; i < ids.size(); i++) {
            assertArrayEquals(greedyPrefix.get(i), greedyCached.get(i), "greedy, sentence " + i);
        }
        for (int i = 0; i < 8; i++) {
            List<int[]> one = List.of(ids.get(i));
            BeamSearchDecoder.Result withCache = BeamSearchDecoder.search(m.begin(one), ids.get(i).length, 4, 1.0, 50);
            BeamSearchDecoder.Result without = BeamSearchDecoder.search(m.beginWithoutCache(one), ids.get(i).length, 4, 1.0, 50);
            assertArrayEquals(without.tokens(), withCache.tokens(), "beam 4, sentence " + i);
            assertEquals(without.score(), withCache.score(), 1e-5, "beam 4 score, sentence " + i);
        }
    }

    /** The memory's keys and values projected once per session decode as projecting them at every step did. */
    @Test
    void memoryProjectedOnceGivesTheLogitsTokensAndScoresOfReprojectingIt() {
        Translator t = reverser();
        TransformerSeq2Seq m = (TransformerSeq2Seq) t.model();
        List<int[]> ids = testSources().stream().map(t.sourceTokens()::encode).toList();
        Decoding once = m.begin(ids);
        Decoding every = CachedDecoding.reprojecting(m, ids);
        float[] tokens = new float[ids.size()];
        java.util.Arrays.fill(tokens, SymbolTokenizer.START);
        int[] rows = Decoding.identity(ids.size());
        for (int step = 0; step < 8; step++) {
            dev.gated.tensor.Tensor a = once.next(tokens.clone(), rows);
            dev.gated.tensor.Tensor b = every.next(tokens.clone(), rows);
            assertArrayEquals(b.shape(), a.shape());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(b.get(i), a.get(i), 1e-5, "step " + step + ", logit " + i);
            }
            int v = a.dim(2);
            for (int r = 0; r < tokens.length; r++) {
                tokens[r] = GreedyDecoder.argmax(a, r * v, v);
            }
            // rows dropped, reordered and duplicated, as beam search does (step 3 keeps them): the memory's rows follow
            rows = step == 0 ? new int[] {3, 3, 0, 7, 1} : step == 3 ? Decoding.identity(5) : new int[] {1, 0, 4, 4, 2};
            float[] kept = new float[rows.length];
            for (int r = 0; r < rows.length; r++) {
                kept[r] = tokens[rows[r]];
            }
            tokens = kept;
        }
        List<int[]> greedyOnce = GreedyDecoder.decode(m.begin(ids), ids, 50);
        List<int[]> greedyEvery = GreedyDecoder.decode(CachedDecoding.reprojecting(m, ids), ids, 50);
        for (int i = 0; i < ids.size(); i++) {
            assertArrayEquals(greedyEvery.get(i), greedyOnce.get(i), "greedy, sentence " + i);
        }
        for (int i = 0; i < 8; i++) {
            List<int[]> one = List.of(ids.get(i));
            BeamSearchDecoder.Result a = BeamSearchDecoder.search(m.begin(one), ids.get(i).length, 4, 1.0, 50);
            BeamSearchDecoder.Result b = BeamSearchDecoder.search(CachedDecoding.reprojecting(m, one), ids.get(i).length, 4, 1.0, 50);
            assertArrayEquals(b.tokens(), a.tokens(), "beam 4, sentence " + i);
            assertEquals(b.score(), a.score(), 1e-6, "beam 4 score, sentence " + i);
        }
    }

    @Test
    void cacheRowsFollowTheHypothesesTheyExtend() {
        dev.gated.layer.AttentionCache c = new dev.gated.layer.AttentionCache(2, 1, 1);
        c.append(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}, null, 2);   // row 0: keys 1 2, row 1: keys 3 4
        dev.gated.layer.AttentionCache r = CachedDecoding.rowsOf(c, new int[] {1, 1, 0});
        assertEquals(3, r.batch());
        assertEquals(2, r.steps());
        assertArrayEquals(new double[] {3, 4, 3, 4, 1, 2}, r.snapshot()[0]);
        assertArrayEquals(new double[] {7, 8, 7, 8, 5, 6}, r.snapshot()[1]);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, r.snapshot()[2]);
    }

    @Test
    void paddedSourcesInABatchDecodeAsAlone() {
        Translator t = reverser();
        List<String> batched = t.translate(testSources().subList(0, 8));
        for (int i = 0; i < 8; i++) {
            assertEquals(batched.get(i), t.translate(List.of(testSources().get(i))).get(0), "source padding mask, sentence " + i);
        }
    }

    @Test
    void savesAndLoadsWithIdenticalTranslations(@TempDir Path dir) throws IOException {
        Translator t = reverser();
        Path file = dir.resolve("transformer.gated");
        t.save(file);
        Translator loaded = Translator.load(file);
        assertEquals("transformer", loaded.model().spec().name());
        assertEquals(SMALL, loaded.model().spec().transformer());
        assertEquals(t.parameterCount(), loaded.parameterCount());
        assertEquals(t.translate(testSources()), loaded.translate(testSources()));
        assertEquals(t.translateBeam(testSources().subList(0, 5), 3, 1.0), loaded.translateBeam(testSources().subList(0, 5), 3, 1.0));
    }

    @Test
    void crossAttentionMapHasOneRowPerOutputTokenSummingToOne() {
        Translator t = reverser();
        Translator.AttentionWeights a = t.attention("abcdef");
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), a.sourceTokens());
        assertEquals(a.outputTokens().size(), a.weights().length, "rows: output tokens and <end>");
        assertEquals("<end>", a.outputTokens().get(a.outputTokens().size() - 1));
        for (double[] row : a.weights()) {
            assertEquals(6, row.length);
            assertEquals(1, java.util.Arrays.stream(row).sum(), 1e-6);
        }
    }

    @Test
    void badOptionsAreOneLineErrors() {
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.parse("transformer", 30, 1, new TransformerShape(2, 4, 64, 0.1)));
        assertEquals("transformer: the width (--embedding 30) must be a multiple of --heads 4, since each head gets width / heads "
                + "features — try --embedding 28 or 32", width.getMessage());
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class, () -> new TransformerShape(0, 4, 64, 0.1));
        assertEquals("transformer: --layers (0), --heads (4) and --ff (64) must be ≥ 1", layers.getMessage());
        IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class, () -> new TransformerShape(2, 4, 64, 1.0));
        assertEquals("transformer: --dropout must be in [0, 1) but is 1.0", dropout.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("transfomer", 32, 1));
        assertTrue(name.getMessage().endsWith("or transformer"), name.getMessage());
    }
}
