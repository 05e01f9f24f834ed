package dev.gated.studio.jobs;

import dev.gated.forecast.PreparedData;
import dev.gated.studio.data.StoredDataset;
import dev.gated.studio.spec.ModelSpec;
import dev.gated.studio.spec.PrepareSpec;
import dev.gated.studio.web.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every run and job of this server, kept on the server so a closed tab loses nothing. Jobs run on a fixed
 * pool of worker threads; the rest wait in a queue.
 */
public final class JobRegistry {

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger runCounter = new AtomicInteger();
    private final AtomicInteger jobCounter = new AtomicInteger();
    private final ExecutorService executor;
    private final EventHub hub;

    public JobRegistry(int workers, EventHub hub) {
        this.hub = hub;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "studio-job-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Creates a forecasting run and queues one job per model. */
    public ForecastRun startForecast(StoredDataset dataset, PrepareSpec spec, PreparedData data, List<ModelSpec> models) {
        requireModels(models);
        ForecastRun run = new ForecastRun("r" + runCounter.incrementAndGet(), dataset, spec, data);
        return submit(run, models);
    }

    /** Registers any run and queues one job per model. */
    public <R extends Run> R submit(R run, List<ModelSpec> models) {
        requireModels(models);
        runs.put(run.id(), run);
        for (ModelSpec spec : models) {
            Job job = new Job("j" + jobCounter.incrementAndGet(), run, spec);
            run.addJob(job);
            jobs.put(job.id(), job);
            hub.publish("job", job.summary());
            synchronized (job) {
                job.setFuture(executor.submit(() -> job.execute(hub)));
            }
        }
        return run;
    }

    /** A new run id, for runs made outside this class. */
    public String nextRunId() {
        return "r" + runCounter.incrementAndGet();
    }

    private static void requireModels(List<ModelSpec> models) {
        if (models == null || models.isEmpty()) {
            throw ApiException.badRequest("models: choose at least one of RNN, LSTM, GRU");
        }
        if (models.size() > 12) {
            throw ApiException.badRequest("models: at most 12 per run, got " + models.size());
        }
    }

    public Job job(String id) {
        Job j = jobs.get(id);
        if (j == null) {
            throw ApiException.notFound("job", id);
        }
        return j;
    }

    public Run run(String id) {
        Run r = runs.get(id);
        if (r == null) {
            throw ApiException.notFound("run", id);
        }
        return r;
    }

    /** Jobs in creation order. */
    public List<Job> jobs() {
        List<Job> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparingInt(j -> Integer.parseInt(j.id().substring(1))));
        return all;
    }

    public List<Run> runs() {
        List<Run> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparingInt(r -> Integer.parseInt(r.id().substring(1))));
        return all;
    }

    /** Cancels a job; 409 if it has already finished. */
    public Job cancel(String id) {
        Job j = job(id);
        if (!j.cancel(hub)) {
            throw new ApiException(409, "job " + id + " has already finished (" + j.state().name().toLowerCase(
                    java.util.Locale.ROOT) + "); nothing to cancel");
        }
        return j;
    }

    /** The results table of a run: model rows and baseline rows, the lowest test RMSE marked best. */
    public Map<String, Object> results(Run run) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Job j : run.jobs()) {
            rows.add(j.row());
        }
        for (Map<String, Object> b : run.baselineRows()) {
            rows.add(new LinkedHashMap<>(b));
        }
        Map<String, Object> best = null;
        double sign = run.higherIsBetter() ? -1 : 1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (Map<String, Object> r : rows) {
            Double v = testScore(r, run.bestKey());
            if (v != null && sign * v < bestScore) {
                bestScore = sign * v;
                best = r;
            }
        }
        for (Map<String, Object> r : rows) {
            r.put("best", r == best);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.id());
        out.put("title", run.title());
        out.put("type", run.type());
        out.put("bestKey", run.bestKey());
        out.put("rows", rows);
        out.put("notes", run.notes());
        return out;
    }

    private static Double testScore(Map<String, Object> row, String key) {
        Object t = row.get("test");
        if (t instanceof Map<?, ?> m && m.get(key) instanceof Double d && Double.isFinite(d)) {
            return d;
        }
        return null;
    }

    public Map<String, Object> runSummary(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("type", r.type());
        m.put("title", r.title());
        m.put("created", r.created().toString());
        m.put("jobs", r.jobs().stream().map(Job::id).toList());
        return m;
    }

    /**
     * Forgets every run whose jobs have all finished (done, failed or cancelled), with its jobs and models; runs
     * with a job still queued or running stay. Returns the ids of the jobs removed.
     */
    public synchronized List<String> clearFinished() {
        List<String> removed = new ArrayList<>();
        for (Run r : runs()) {
            if (r.jobs().stream().allMatch(j -> j.state().finished())) {
                runs.remove(r.id());
                for (Job j : r.jobs()) {
                    jobs.remove(j.id());
                    removed.add(j.id());
                }
            }
        }
        hub.publish("cleared", Map.of("jobs", removed));
        return removed;
    }

    public void shutdown() {
        for (Job j : jobs.values()) {
            j.cancel(hub);
        }
        executor.shutdownNow();
    }
}
