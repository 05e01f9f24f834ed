package dev.gated.studio.jobs;

import dev.gated.layer.Parameter;
import dev.gated.model.EpochRecord;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingDivergedException;
import dev.gated.model.TrainingListener;
import dev.gated.studio.spec.ModelSpec;
import dev.gated.tensor.Tensor;
import dev.gated.studio.web.Errors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One network trained in the background. Its own model, listener and error handling: a job that fails or is
 * cancelled changes nothing for the others. Progress goes to the {@link EventHub} as it happens and stays in
 * the job, so a page opened later sees the whole curve.
 */
public final class Job {

    private static final Logger LOG = LoggerFactory.getLogger(Job.class);
    private static final long PROGRESS_EVERY_NANOS = 300_000_000L;

    private final String id;
    private final Run run;
    private final ModelSpec spec;
    private final Instant created = Instant.now();
    private final List<Map<String, Object>> history = new CopyOnWriteArrayList<>();
    private volatile JobState state = JobState.QUEUED;
    private volatile boolean cancelRequested;
    private volatile double progress;
    private volatile Double etaSeconds;
    private volatile String error;
    private volatile long params;
    private volatile double trainSeconds;
    private volatile Instant started;
    private volatile Instant finished;
    private volatile Sequential model;
    private volatile Evaluation evaluation;
    private Future<?> future;
    // the best epoch so far, so a cancelled job keeps a usable model (written by the worker thread only)
    private Sequential training;
    private List<Tensor> bestWeights;
    private double bestScore = Double.POSITIVE_INFINITY;
    private volatile int bestEpoch;           // 1-based; 0 before the first epoch
    private volatile int cancelledAtEpoch;    // epochs completed when cancelled; 0 if not cancelled while training
    private long startNanos;

    Job(String id, Run run, ModelSpec spec) {
        this.id = id;
        this.run = run;
        this.spec = spec;
    }

    public String id() {
        return id;
    }

    public Run run() {
        return run;
    }

    public ModelSpec spec() {
        return spec;
    }

    public JobState state() {
        return state;
    }

    /**
     * The trained model; null until the job is done. A job cancelled after at least one epoch has one too: the
     * weights of its best epoch so far (lowest val_loss, or loss without validation).
     */
    public Sequential model() {
        return model;
    }

    /** 1-based epoch whose weights {@link #model()} holds for a cancelled job; the last epoch otherwise. */
    public int bestEpoch() {
        return cancelledAtEpoch > 0 ? bestEpoch : history.size();
    }

    /** Epochs completed when the job was cancelled while training; 0 when it was not. */
    public int cancelledAtEpoch() {
        return cancelledAtEpoch;
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    /** Wall time of training in seconds; 0 until the job is done. */
    public double trainSeconds() {
        return trainSeconds;
    }

    void setFuture(Future<?> f) {
        this.future = f;
    }

    /** Asks the job to stop: a queued job never starts, a running one stops at its next batch. */
    synchronized boolean cancel(EventHub hub) {
        if (state.finished()) {
            return false;
        }
        cancelRequested = true;
        if (state == JobState.QUEUED) {
            if (future != null) {
                future.cancel(false);
            }
            finish(JobState.CANCELLED, null, hub);
        }
        return true;
    }

    private synchronized boolean start(EventHub hub) {
        if (cancelRequested || state != JobState.QUEUED) {
            return false;
        }
        state = JobState.RUNNING;
        started = Instant.now();
        hub.publish("job", summary());
        return true;
    }

    private synchronized void finish(JobState end, String message, EventHub hub) {
        if (state.finished()) {
            return;
        }
        state = end;
        error = message;
        finished = Instant.now();
        etaSeconds = end == JobState.DONE ? 0.0 : null;
        if (end == JobState.DONE) {
            progress = 1;
        }
        hub.publish("job", summary());
    }

    /** Trains, evaluates and records; runs on a worker thread. Never throws. */
    void execute(EventHub hub) {
        if (!start(hub)) {
            return;
        }
        try {
            startNanos = System.nanoTime();
            Sequential m = run.train(spec, new Listener(hub));
            trainSeconds = (System.nanoTime() - startNanos) / 1e9;
            evaluation = run.evaluate(m);
            model = m;
            finish(JobState.DONE, null, hub);
        } catch (Cancelled c) {
            keepBestSoFar();
            finish(JobState.CANCELLED, cancelledAtEpoch > 0 ? "cancelled at epoch " + cancelledAtEpoch
                    + "; the weights of epoch " + bestEpoch + " are kept" : null, hub);
        } catch (IllegalArgumentException | TrainingDivergedException expected) {
            LOG.info("job {} ({}) failed: {}", id, run.label(spec), expected.getMessage());
            finish(JobState.FAILED, Errors.oneLine(Errors.inPageWords(expected.getMessage())), hub);
        } catch (Throwable t) {
            LOG.warn("job {} ({}) failed", id, run.label(spec), t);
            finish(JobState.FAILED, Errors.oneLine(t.getMessage() == null ? t.getClass().getSimpleName()
                    : t.getMessage()), hub);
        }
    }

    /** After a cancel: the model with its best epoch's weights, scored, if at least one epoch ended. */
    private void keepBestSoFar() {
        if (training == null || bestWeights == null) {
            return;
        }
        try {
            List<Parameter> params = training.parameters();
            for (int i = 0; i < params.size(); i++) {
                params.get(i).value().copyFrom(bestWeights.get(i));
            }
            evaluation = run.evaluate(training);
            cancelledAtEpoch = history.size();
            trainSeconds = (System.nanoTime() - startNanos) / 1e9;
            model = training;
        } catch (RuntimeException e) {
            LOG.warn("job {}: the weights kept at cancel could not be scored", id, e);
        }
    }

    /** Thrown from the training listener to stop at once when the job is cancelled. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private final class Listener implements TrainingListener {
        private final EventHub hub;
        private int batchesPerEpoch = 1;
        private long t0;
        private long lastProgress;

        Listener(EventHub hub) {
            this.hub = hub;
        }

        @Override
        public void onTrainBegin(Model m, int initialEpoch, int epochs, int batches) {
            training = (Sequential) m;   // the studio's forecasting, memory and text networks are all Sequential
            params = m.parameterCount();
            batchesPerEpoch = Math.max(1, batches);
            t0 = System.nanoTime();
        }

        @Override
        public void onBatchEnd(Model m, int epoch, int batch, double loss) {
            if (cancelRequested) {
                throw new Cancelled();
            }
            update((epoch + (batch + 1.0) / batchesPerEpoch) / spec.epochs());
            long now = System.nanoTime();
            if (now - lastProgress > PROGRESS_EVERY_NANOS) {
                lastProgress = now;
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("job", id);
                p.put("progress", progress);
                p.put("eta", etaSeconds);
                hub.publish("progress", p);
            }
        }

        @Override
        public void onEpochEnd(Model m, EpochRecord r) {
            update((r.epoch() + 1.0) / spec.epochs());
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("epoch", r.epoch() + 1);
            point.put("loss", finite(r.loss()));
            point.put("val_loss", r.hasValidation() ? finite(r.validationLoss()) : null);
            point.put("seconds", r.seconds());
            history.add(point);
            double score = r.hasValidation() && Double.isFinite(r.validationLoss()) ? r.validationLoss() : r.loss();
            if (Double.isFinite(score) && score < bestScore) {
                bestScore = score;
                bestEpoch = r.epoch() + 1;
                List<Tensor> copy = new ArrayList<>();
                m.parameters().forEach(p -> copy.add(p.value().copy()));
                bestWeights = copy;
            }
            Map<String, Object> e = new LinkedHashMap<>(point);
            e.put("job", id);
            e.put("progress", progress);
            e.put("eta", etaSeconds);
            hub.publish("epoch", e);
        }

        private void update(double fraction) {
            progress = Math.min(1, fraction);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            etaSeconds = fraction > 0 ? elapsed / fraction * (1 - fraction) : null;
        }
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The job without its history: for lists and state events. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("run", run.id());
        m.put("runType", run.type());
        m.put("label", run.label(spec));
        m.put("kind", spec.kind());
        m.put("spec", spec);
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        m.put("progress", progress);
        m.put("eta", etaSeconds);
        m.put("epochs_done", history.size());
        m.put("params", params);
        m.put("train_seconds", trainSeconds);
        m.put("error", error);
        m.put("created", created.toString());
        m.put("metrics", evaluation == null ? null : evaluation.metrics());
        m.put("has_model", model != null);
        m.put("best_epoch", model == null ? null : bestEpoch());
        m.put("cancelled_at_epoch", cancelledAtEpoch > 0 ? cancelledAtEpoch : null);
        return m;
    }

    /** The job with its loss history: what a reopened page needs to redraw the curves. */
    public Map<String, Object> view() {
        Map<String, Object> m = summary();
        m.put("history", new ArrayList<>(history));
        return m;
    }

    /** The job as a row of the results table. */
    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", spec.kind());
        row.put("label", run.label(spec));
        row.put("type", "model");
        row.put("job", id);
        row.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        if (cancelledAtEpoch > 0) {
            row.put("note", "cancelled at epoch " + cancelledAtEpoch + ", weights of epoch " + bestEpoch);
        }
        row.put("params", params);
        row.put("train_seconds", trainSeconds);
        row.put("epochs", history.size());
        Map<String, Map<String, Double>> metrics = evaluation == null ? Map.of() : evaluation.metrics();
        row.put("validation", metrics.get("validation"));
        row.put("test", metrics.get("test"));
        return row;
    }
}
