package dev.gated.studio.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.forecast.DataSpec;
import dev.gated.forecast.PreparedData;
import dev.gated.studio.StudioOptions;
import dev.gated.studio.data.DatasetStore;
import dev.gated.studio.data.Samples;
import dev.gated.studio.data.StoredDataset;
import dev.gated.studio.data.TableView;
import dev.gated.studio.spec.PrepareSpec;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.CsvFormatException;
import dev.gated.timeseries.csv.CsvProfile;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data and Prepare: uploads, samples, reading a table with a time column and missing-value policy, and the
 * windows a preparation would make.
 * <pre>
 * GET  /api/info                      version, upload limit, samples
 * POST /api/datasets?name=F.csv       raw CSV body → 201 table view | 400 {error, line, column} | 413
 * POST /api/samples/{name}            copies a bundled sample into the work folder → 201 table view
 * GET  /api/datasets/{id}?time=&amp;missing=   re-reads with other choices
 * GET  /api/datasets/{id}/file        the stored bytes (a saved workspace carries them)
 * POST /api/prepare                   PrepareSpec → split, window counts, example windows
 * </pre>
 */
public final class DataRoutes {

    private static final long DRAIN_LIMIT = 256L * 1024 * 1024;

    private final DatasetStore store;
    private final ObjectMapper json;
    private final StudioOptions options;

    public DataRoutes(DatasetStore store, ObjectMapper json, StudioOptions options) {
        this.store = store;
        this.json = json;
        this.options = options;
    }

    public void register(Javalin app) {
        app.get("/api/info", this::info);
        app.post("/api/datasets", this::upload);
        app.get("/api/datasets", ctx -> ctx.json(store.all().stream().map(d -> Map.of("id", d.id(), "name", d.name(),
                "bytes", d.size())).toList()));
        app.get("/api/datasets/{id}", ctx -> {
            StoredDataset d = store.get(ctx.pathParam("id"));
            ctx.json(view(d, ctx.queryParam("time"), ctx.queryParam("missing")));
        });
        app.get("/api/datasets/{id}/file", ctx -> {
            StoredDataset d = store.get(ctx.pathParam("id"));
            ctx.header("Content-Disposition", "attachment; filename=\"" + d.name() + "\"");
            ctx.contentType("text/csv; charset=utf-8").result(java.nio.file.Files.readAllBytes(d.file()));
        });
        app.post("/api/samples/{name}", ctx -> {
            Map.Entry<String, byte[]> s = Samples.load(ctx.pathParam("name"));
            StoredDataset d = store.add(s.getKey(), s.getValue());
            ctx.status(201).json(view(d, null, null));
        });
        app.post("/api/prepare", ctx -> {
            PrepareSpec spec = json.readValue(ctx.body(), PrepareSpec.class);
            StoredDataset d = store.get(spec.dataset());
            PreparedData p = prepare(d, spec);
            Map<String, Object> v = PrepareView.of(p, spec.window(), spec.horizon());
            v.put("target", p.series().rawTarget());
            v.put("inputs", p.series().spec().inputColumns());
            v.put("time", p.series().table().time().labels());
            ctx.json(v);
        });
    }

    /**
     * Reads the stored file with the spec's choices and prepares it as {@code gated train} would (split, scaler
     * fitted on the training rows, windows); CSV errors carry line and column.
     */
    public static PreparedData prepare(StoredDataset d, PrepareSpec spec) {
        DataSpec ds = spec.toDataSpec().resolve(d.profile(spec.time()));
        TimeSeriesTable t = d.read(spec.time(), ds);
        return PreparedData.prepare(t, ds, spec.windowing(), null);
    }

    private void info(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", dev.gated.Version.get());
        m.put("maxUploadBytes", options.maxUploadBytes());
        m.put("workers", options.workers());
        List<Map<String, String>> samples = new ArrayList<>();
        Samples.DESCRIPTIONS.forEach((k, v) -> samples.add(Map.of("name", k, "description", v)));
        m.put("samples", samples);
        ctx.json(m);
    }

    /**
     * The Data panel's view: a first read types every column (a text column never blocks the file), then the
     * numeric columns are read with the missing-value policy for the preview chart.
     */
    private Map<String, Object> view(StoredDataset d, String time, String missing) {
        try {
            CsvProfile profile = d.profile(time);
            List<String> numeric = profile.numericColumns();
            if (numeric.isEmpty()) {
                throw new ApiException(400, d.name() + " has no column of numbers to forecast: its columns are "
                        + profile.columns().stream().map(c -> c.name() + " (" + c.kind() + ")").toList()
                        + "; a forecast needs at least one numeric column");
            }
            return TableView.of(d, profile, d.read(time, missing, numeric));
        } catch (CsvFormatException e) {
            ApiException a = new ApiException(400, e.getMessage())
                    .with("line", e.line()).with("column", e.columnName()).with("columnIndex", e.columnIndex())
                    .with("dataset", Map.of("id", d.id(), "name", d.name()));
            throw a;
        }
    }

    private void upload(Context ctx) throws IOException {
        byte[] bytes = body(ctx, options.maxUploadBytes());
        if (bytes.length == 0) {
            throw ApiException.badRequest("the upload is empty: choose a CSV file with a header line and rows of values");
        }
        StoredDataset d = store.add(ctx.queryParam("name"), bytes);
        ctx.status(201).json(view(d, ctx.queryParam("time"), ctx.queryParam("missing")));
    }

    /** An upload's bytes, at most {@code limit} of them: a larger body is read away and refused with 413. */
    static byte[] body(Context ctx, long limit) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        InputStream in = ctx.req().getInputStream();
        if (declared > limit) {
            drain(in);
            throw tooLarge(declared, limit);
        }
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            long total = bytes.length + drain(in);
            throw tooLarge(total, limit);
        }
        return bytes;
    }

    private static long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        int r;
        while (n < DRAIN_LIMIT && (r = in.read(buf)) > 0) {
            n += r;
        }
        return n;
    }

    private static ApiException tooLarge(long size, long limit) {
        long suggest = Math.max(limit / (1024 * 1024) + 1, (size + (1 << 20) - 1) >> 20);
        return new ApiException(413, "the file is " + mb(size) + (size >= limit + DRAIN_LIMIT ? " or more" : "")
                + " but the studio accepts uploads up to " + mb(limit)
                + "; restart it with --max-upload-mb " + suggest + " to allow larger files")
                .with("maxUploadBytes", limit);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
