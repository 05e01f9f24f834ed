package dev.gated.studio.data;

import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.CsvProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the Data panel shows of a read table: a preview of its first rows and every column for the chart. */
public final class TableView {

    private static final int PREVIEW_ROWS = 12;

    private TableView() {
    }

    /**
     * With the first read's typing of every column: {@code profile} lists each column's name, kind (time, number,
     * text), missing cells and (text) levels; {@code header} and {@code cells} preview the file as it is.
     */
    public static Map<String, Object> of(StoredDataset d, CsvProfile profile, TimeSeriesTable t) {
        Map<String, Object> m = of(d, t);
        List<Map<String, Object>> cols = new ArrayList<>();
        for (CsvProfile.Column c : profile.columns()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", c.name());
            e.put("kind", c.kind());
            e.put("missing", c.missing());
            e.put("distinct", c.distinct());
            e.put("levels", c.levels());
            e.put("categorical", c.categorical());
            cols.add(e);
        }
        m.put("profile", cols);
        m.put("header", profile.columns().stream().map(CsvProfile.Column::name).toList());
        m.put("cells", profile.preview());
        return m;
    }

    public static Map<String, Object> of(StoredDataset d, TimeSeriesTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("bytes", d.size());
        m.put("rows", t.rowCount());
        m.put("timeColumn", t.timeColumnName());
        m.put("timeFormat", t.time().format().name().toLowerCase(java.util.Locale.ROOT));
        m.put("columns", t.columnNames());
        double[][] cols = t.columns();
        List<List<Object>> preview = new ArrayList<>();
        for (int r = 0; r < Math.min(PREVIEW_ROWS, t.rowCount()); r++) {
            List<Object> row = new ArrayList<>();
            row.add(t.time().label(r));
            for (int c = 0; c < t.columnCount(); c++) {
                row.add(cols[c][r]);
            }
            preview.add(row);
        }
        m.put("preview", preview);
        m.put("time", t.time().labels());
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int c = 0; c < cols.length; c++) {
            series.put(t.columnNames().get(c), cols[c]);
        }
        m.put("series", series);
        return m;
    }
}
