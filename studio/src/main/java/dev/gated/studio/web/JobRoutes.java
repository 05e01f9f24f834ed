package dev.gated.studio.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.data.Dataset;
import dev.gated.forecast.PreparedData;
import dev.gated.interop.onnx.OnnxExport;
import dev.gated.model.Sequential;
import dev.gated.studio.data.DatasetStore;
import dev.gated.studio.data.Samples;
import dev.gated.studio.data.StoredDataset;
import dev.gated.studio.data.WorkFolder;
import dev.gated.studio.export.Snippets;
import dev.gated.studio.inspect.Probe;
import dev.gated.studio.jobs.ForecastRun;
import dev.gated.studio.jobs.Job;
import dev.gated.studio.jobs.JobRegistry;
import dev.gated.studio.jobs.JobState;
import dev.gated.studio.jobs.MemoryLabRun;
import dev.gated.studio.jobs.Run;
import dev.gated.studio.spec.ModelSpec;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.window.Windows;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Train, Results, Inside and Export.
 * <pre>
 * POST /api/runs                      {prepare, models} → 201 {run, jobs}
 * POST /api/memory                    {task, length, examples, seed, models} → 201 {run, jobs} (Memory lab)
 * GET  /api/runs                      runs, newest last
 * GET  /api/runs/{id}                 the results table (models and baselines, best marked)
 * GET  /api/runs/{id}/gradients       ‖∂L/∂h‖ by lag for each finished job, trained and at initialisation
 * GET  /api/jobs                      every job with its loss history (a reopened tab redraws from this)
 * GET  /api/jobs/{id}                 one job
 * POST /api/jobs/{id}/cancel          202 | 409 when already finished
 * POST /api/jobs/clear-finished       forgets the runs whose jobs have all finished → {removed: [job ids]}
 * GET  /api/jobs/{id}/forecast        actual vs forecast per part, residuals (JSON)
 * GET  /api/jobs/{id}/forecast.csv    the same as CSV, with "&lt;target&gt; (forecast)" columns
 * GET  /api/jobs/{id}/model.gated     the model file (forecasts: readable by gated evaluate and gated forecast)
 * GET  /api/jobs/{id}/model.onnx      the network as ONNX (opset 17; inputs as the network sees them: scaled windows)
 * GET  /api/jobs/{id}/inside?part=&amp;window=&amp;layer=   gate heatmaps, hidden and cell traces
 * GET  /api/jobs/{id}/export          the gated command line and Java code
 * </pre>
 */
public final class JobRoutes {

    private final DatasetStore datasets;
    private final JobRegistry jobs;
    private final WorkFolder work;
    private final ObjectMapper json;

    public JobRoutes(DatasetStore datasets, JobRegistry jobs, WorkFolder work, ObjectMapper json) {
        this.datasets = datasets;
        this.jobs = jobs;
        this.work = work;
        this.json = json;
    }

    public void register(Javalin app) {
        app.post("/api/runs", this::createRun);
        app.post("/api/memory", this::createMemoryRun);
        app.get("/api/runs", ctx -> ctx.json(jobs.runs().stream().map(jobs::runSummary).toList()));
        app.get("/api/runs/{id}", ctx -> ctx.json(jobs.results(jobs.run(ctx.pathParam("id")))));
        app.get("/api/runs/{id}/gradients", ctx -> ctx.json(gradients(jobs.run(ctx.pathParam("id")))));
        app.get("/api/jobs", ctx -> ctx.json(jobs.jobs().stream().map(Job::view).toList()));
        app.get("/api/jobs/{id}", ctx -> ctx.json(jobs.job(ctx.pathParam("id")).view()));
        app.post("/api/jobs/clear-finished", ctx -> ctx.json(Map.of("removed", jobs.clearFinished())));
        app.post("/api/jobs/{id}/cancel", ctx -> ctx.status(202).json(jobs.cancel(ctx.pathParam("id")).summary()));
        app.get("/api/jobs/{id}/forecast", ctx -> ctx.json(forecast(done(ctx))));
        app.get("/api/jobs/{id}/forecast.csv", this::forecastCsv);
        app.get("/api/jobs/{id}/model.gated", this::modelFile);
        app.get("/api/jobs/{id}/model.onnx", this::onnxFile);
        app.get("/api/jobs/{id}/inside", this::inside);
        app.get("/api/jobs/{id}/export", this::export);
    }

    private void createRun(Context ctx) throws java.io.IOException {
        RunRequest req = json.readValue(ctx.body(), RunRequest.class);
        StoredDataset d = datasets.get(req.prepare().dataset());
        PreparedData p = DataRoutes.prepare(d, req.prepare());
        ForecastRun run = jobs.startForecast(d, req.prepare(), p, req.models());
        Map<String, Object> m = jobs.runSummary(run);
        m.put("jobs", run.jobs().stream().map(Job::summary).toList());
        ctx.status(201).json(m);
    }

    private void createMemoryRun(Context ctx) throws java.io.IOException {
        MemoryRequest req = json.readValue(ctx.body(), MemoryRequest.class);
        MemoryLabRun run = jobs.submit(new MemoryLabRun(jobs.nextRunId(), req.task(), req.length(), req.examples(),
                req.seed()), req.models());
        Map<String, Object> m = jobs.runSummary(run);
        m.put("jobs", run.jobs().stream().map(Job::summary).toList());
        ctx.status(201).json(m);
    }

    /** The job, which must have a model: done, or cancelled after an epoch (409 otherwise). */
    private Job done(Context ctx) {
        Job j = jobs.job(ctx.pathParam("id"));
        if (j.model() == null) {
            throw new ApiException(409, "job " + j.id() + " is " + j.state().name().toLowerCase(Locale.ROOT)
                    + (j.state() == JobState.CANCELLED ? " before its first epoch ended, so it has no model"
                    : "; its model is available once it is done"));
        }
        return j;
    }

    private static ForecastRun forecastRun(Job j) {
        if (j.run() instanceof ForecastRun f) {
            return f;
        }
        throw ApiException.badRequest("job " + j.id() + " is not a forecasting job");
    }

    /**
     * The forecast picture: for each row of the series its actual value and the step-1 forecast of the window
     * whose first target is that row (null where no window forecasts it), the part boundaries, test residuals.
     */
    Map<String, Object> forecast(Job j) {
        ForecastRun run = forecastRun(j);
        PreparedData p = run.data();
        int rows = p.series().rows();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", j.id());
        m.put("label", j.spec().label());
        m.put("target", run.spec().target());
        m.put("time", p.series().table().time().labels());
        m.put("actual", p.series().rawTarget());
        m.put("boundaries", new int[] {p.split().train().end(), p.split().validation().end()});
        Map<String, Double[]> byPart = new LinkedHashMap<>();
        List<Map<String, Object>> residuals = new ArrayList<>();
        double[] actual = p.series().rawTarget();
        for (Map.Entry<String, double[]> e : j.evaluation().predictions().entrySet()) {
            Windows w = p.part(e.getKey()).windows();
            Double[] line = new Double[rows];
            for (int i = 0; i < w.count(); i++) {
                int row = w.targetStart()[i];
                line[row] = e.getValue()[i * w.horizon()];
                if (e.getKey().equals("test")) {
                    residuals.add(Map.of("row", row, "residual", actual[row] - line[row]));
                }
            }
            byPart.put(e.getKey(), line);
        }
        m.put("forecast", byPart);
        m.put("residuals", residuals);
        return m;
    }

    private void forecastCsv(Context ctx) {
        Job j = done(ctx);
        ForecastRun run = forecastRun(j);
        PreparedData p = run.data();
        TimeSeriesTable table = p.series().table();
        int rows = table.rowCount();
        int h = run.spec().horizon();
        String target = run.spec().target();
        String[][] cells = new String[rows][h];
        String[] part = new String[rows];
        for (Map.Entry<String, double[]> e : j.evaluation().predictions().entrySet()) {
            Windows w = p.part(e.getKey()).windows();
            for (int i = 0; i < w.count(); i++) {
                for (int k = 0; k < h; k++) {
                    int row = w.targetStart()[i] + k;
                    if (row < rows && cells[row][k] == null) {
                        cells[row][k] = Double.toString(e.getValue()[i * h + k]);
                        part[row] = e.getKey();
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        String timeName = table.timeColumnName() == null ? "row" : table.timeColumnName();
        sb.append(csv(timeName)).append(',').append(csv(target));
        for (int k = 1; k <= h; k++) {
            sb.append(',').append(csv(target + (k == 1 ? " (forecast)" : " (forecast +" + k + ")")));
        }
        sb.append(",part\n");
        double[] actual = p.series().rawTarget();
        for (int r = 0; r < rows; r++) {
            sb.append(csv(table.time().label(r))).append(',').append(actual[r]);
            for (int k = 0; k < h; k++) {
                sb.append(',').append(cells[r][k] == null ? "" : cells[r][k]);
            }
            sb.append(',').append(part[r] == null ? "" : part[r]).append('\n');
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + j.id() + "-" + j.spec().kind() + "-forecast.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(sb.toString());
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private void modelFile(Context ctx) throws java.io.IOException {
        Job j = done(ctx);
        Path file = work.folder("models", j.id()).resolve("model.gated");
        Sequential model = j.model();
        synchronized (model) {
            if (j.run() instanceof ForecastRun f) {
                f.save(j, file);
            } else {
                model.save(file);
            }
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + j.id() + "-" + j.spec().kind() + ".gated\"");
        ctx.contentType("application/octet-stream").result(Files.readAllBytes(file));
    }

    /** The trained network as ONNX ({@link OnnxExport}); 422 with the reason for a layer ONNX cannot express. */
    private void onnxFile(Context ctx) {
        Job j = done(ctx);
        Sequential model = j.model();
        byte[] bytes;
        try {
            synchronized (model) {
                bytes = OnnxExport.toOnnx(model).toByteArray();
            }
        } catch (IllegalArgumentException e) {
            ctx.status(422).json(Map.of("error", e.getMessage()));
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + j.id() + "-" + j.spec().kind() + ".onnx\"");
        ctx.contentType("application/octet-stream").result(bytes);
    }

    private void inside(Context ctx) {
        Job j = done(ctx);
        String part = ctx.queryParamAsClass("part", String.class).getOrDefault("test");
        int index = ctx.queryParamAsClass("window", Integer.class).getOrDefault(0);
        int layer = ctx.queryParamAsClass("layer", Integer.class).getOrDefault(0);
        Dataset windows = j.run().part(part);
        if (index < 0 || index >= windows.size()) {
            throw ApiException.badRequest("window must be in 0.." + (windows.size() - 1) + " for the " + part
                    + " part, got " + index);
        }
        Dataset one = windows.range(index, index + 1);
        Map<String, Object> v = Probe.inside(j.model(), one.x(), layer);
        v.put("job", j.id());
        v.put("label", j.spec().label());
        v.put("part", part);
        v.put("window", index);
        v.put("windows", windows.size());
        v.put("input", one.x().toDoubleArray());
        v.put("target", one.y().toDoubleArray());
        ctx.json(v);
    }

    /** Gradient norms by lag for every finished job of a run, after training and at initialisation. */
    Map<String, Object> gradients(Run run) {
        Dataset batch = run.probeBatch();
        List<Map<String, Object>> series = new ArrayList<>();
        for (Job j : run.jobs()) {
            if (j.model() == null) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("job", j.id());
            s.put("label", j.spec().label());
            s.put("kind", j.spec().kind());
            s.put("trained", Probe.gradientNormsByLag(j.model(), batch));
            Sequential fresh = run.network(j.spec());
            s.put("initial", Probe.gradientNormsByLag(fresh, batch));
            series.add(s);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run.id());
        m.put("batch", batch.size());
        m.put("steps", run.inputShape()[0]);
        m.put("series", series);
        return m;
    }

    private void export(Context ctx) {
        Job j = jobs.job(ctx.pathParam("id"));
        if (j.run() instanceof dev.gated.studio.text.TextRun) {
            ctx.json(TextRoutes.export(j));
            return;
        }
        if (j.run() instanceof MemoryLabRun mem) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", j.id());
            m.put("command", Snippets.memoryCommand(mem, j.spec()));
            m.put("java", Snippets.memoryJava(mem, j.spec()));
            ctx.json(m);
            return;
        }
        ForecastRun run = forecastRun(j);
        String file = Samples.commandPath(run.dataset());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", j.id());
        m.put("dataset", run.dataset().id());
        m.put("dataFile", run.datasetName());
        String timeColumn = run.data().series().table().timeColumnName();
        // a cancelled job kept the weights of its best epoch B: training B epochs reproduces them
        ModelSpec spec = j.cancelledAtEpoch() > 0 ? j.spec().withEpochs(j.bestEpoch()) : j.spec();
        m.put("command", Snippets.command(file, run.spec(), spec, timeColumn));
        m.put("java", Snippets.java(file, run.spec(), spec, timeColumn));
        String where = file.equals(run.datasetName()) ? "Run it in the folder that holds " + run.datasetName()
                + " (download it with Data file)." : "Run it from the Gated project root: the sample is part of the source tree.";
        m.put("note", (j.cancelledAtEpoch() > 0 ? "Cancelled at epoch " + j.cancelledAtEpoch() + "; these train the "
                + j.bestEpoch() + " epoch" + (j.bestEpoch() == 1 ? "" : "s") + " whose weights were kept. " : "")
                + where + " Both print the test RMSE of the Results table.");
        ctx.json(m);
    }
}
