package dev.gated.studio.translate;

import dev.gated.model.EpochRecord;
import dev.gated.model.Model;
import dev.gated.model.TrainingListener;
import dev.gated.studio.data.DatasetStore;
import dev.gated.studio.data.WorkFolder;
import dev.gated.studio.web.ApiException;
import dev.gated.translate.CorpusSplit;
import dev.gated.translate.Example;
import dev.gated.translate.ParallelCorpus;
import dev.gated.translate.Translator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The translation models of this server run, by id: {@code .gated} files loaded with {@link Translator#load}, and
 * models trained here with {@link Translator#train} on an uploaded file of sentence pairs (one at a time, on a
 * worker thread of their own, so forecasting and text jobs keep theirs). Files live in {@code work/translation/<id>/}.
 */
public final class TranslationModels implements AutoCloseable {

    private final WorkFolder work;
    private final Map<String, StudioTranslator> byId = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-translation-training");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public TranslationModels(WorkFolder work) {
        this.work = work;
    }

    /** Stores an uploaded model file and loads it; a file that is not a translation model is refused, naming it. */
    public StudioTranslator load(String clientName, byte[] bytes) {
        String name = DatasetStore.cleanName(clientName == null ? "model.gated" : clientName);
        if (bytes.length == 0) {
            throw ApiException.badRequest(name + " is empty: choose a .gated file written by gated translate train "
                    + "(or compare --outputs)");
        }
        String id = "m" + counter.incrementAndGet();
        Path file = store(id, "model.gated", bytes);
        try {
            StudioTranslator m = StudioTranslator.loaded(id, name, Translator.load(file));
            byId.put(id, m);
            return m;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw ApiException.badRequest(inUserWords(e.getMessage(), file, name));
        }
    }

    /**
     * Starts training {@code request}'s model on an uploaded file of sentence pairs; the file is read (and refused,
     * naming its line) before this returns, the training runs in the background.
     */
    public StudioTranslator train(String clientName, byte[] tsv, TranslationTrainRequest request) {
        String name = DatasetStore.cleanName(clientName == null ? "pairs.tsv" : clientName);
        if (tsv.length == 0) {
            throw ApiException.badRequest(name + " is empty: choose a TAB-separated file with a source sentence and its "
                    + "translation on each line");
        }
        String id = "m" + counter.incrementAndGet();
        Path file = store(id, "pairs.tsv", tsv);
        List<Example> train;
        try {
            List<Example> all = ParallelCorpus.read(file, 0, 1);
            train = CorpusSplit.sample(CorpusSplit.of(all, 0.1, request.seed(), request.maxSourceChars(),
                    request.maxTargetChars()).train(), request.maxSentences(), request.seed());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw ApiException.badRequest(inUserWords(e.getMessage(), file, name));
        }
        StudioTranslator m = StudioTranslator.training(id, request.model() + " on " + name,
                "trained here on " + train.size() + " sentences of " + name, request.epochs());
        byId.put(id, m);
        trainer.submit(() -> fit(m, train, request));
        return m;
    }

    private void fit(StudioTranslator m, List<Example> train, TranslationTrainRequest request) {
        TrainingListener progress = new TrainingListener() {
            private int batches = 1;

            @Override
            public void onTrainBegin(Model model, int initialEpoch, int epochs, int batchesPerEpoch) {
                batches = Math.max(1, batchesPerEpoch);
            }

            @Override
            public void onBatchEnd(Model model, int epoch, int batch, double loss) {
                if (closed) {
                    throw new IllegalStateException("the studio is stopping");
                }
                m.batchEnded(epoch, batch, batches);
            }

            @Override
            public void onEpochEnd(Model model, EpochRecord record) {
                m.epochEnded(record.loss());
            }
        };
        try {
            m.ready(Translator.train(train, request.spec(), request.options(), List.of(progress)));
        } catch (RuntimeException e) {
            m.failed(dev.gated.studio.web.Errors.oneLine(e.getMessage()));
        }
    }

    /**
     * The model as a {@code .gated} file (readable by {@code gated translate}, and by this tab again): a loaded file
     * as it came, a trained model saved once, on first request.
     */
    public synchronized Path file(StudioTranslator m) throws IOException {
        Path file = work.folder("translation", m.id()).resolve("model.gated").toAbsolutePath();
        if (!Files.exists(file)) {
            m.decode(tr -> {
                try {
                    tr.save(file);
                    return file;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot save " + m.id() + ": " + e.getMessage(), e);
                }
            });
        }
        return file;
    }

    public StudioTranslator get(String id) {
        StudioTranslator m = byId.get(id);
        if (m == null) {
            throw ApiException.notFound("translation model", id);
        }
        return m;
    }

    /** Every model, in the order they came. */
    public List<StudioTranslator> all() {
        List<StudioTranslator> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingInt(m -> Integer.parseInt(m.id().substring(1))));
        return out;
    }

    private Path store(String id, String fileName, byte[] bytes) {
        Path file = work.folder("translation", id).resolve(fileName).toAbsolutePath();
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload: " + e.getMessage(), e);
        }
        return file;
    }

    /** A message about the stored copy, about the user's file instead (its name, not the studio's folder). */
    static String inUserWords(String message, Path stored, String clientName) {
        String m = message == null ? "could not be read" : message;
        return m.contains(stored.toString()) ? m.replace(stored.toString(), clientName) : clientName + ": " + m;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the work folder goes when the studio stops
        }
    }

    /** Stops a training in progress (at its next batch). */
    @Override
    public void close() {
        closed = true;
        trainer.shutdownNow();
    }
}
