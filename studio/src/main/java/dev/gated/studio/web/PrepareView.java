package dev.gated.studio.web;

import dev.gated.forecast.Part;
import dev.gated.forecast.PreparedData;
import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.split.ChronologicalSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prepare panel's picture of prepared data: split boundaries, window counts per part, the input shape
 * (T, F), the fitted scaler, and where some training windows lie.
 */
final class PrepareView {

    private PrepareView() {
    }

    static Map<String, Object> of(PreparedData p, int window, int horizon) {
        ChronologicalSplit split = p.split();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", p.series().rows());
        m.put("split", Map.of("train", range(split.train()), "validation", range(split.validation()),
                "test", range(split.test())));
        m.put("windows", Map.of("train", p.train().count(),
                "validation", p.validation() == null ? 0 : p.validation().count(), "test", p.test().count()));
        m.put("window", window);
        m.put("horizon", horizon);
        m.put("inputShape", List.of(window, p.features()));
        m.put("scaler", p.series().scaler().toMap());
        m.put("examples", examples(p.train(), window, horizon));
        return m;
    }

    private static int[] range(RowRange r) {
        return new int[] {r.start(), r.end()};
    }

    /** Up to 8 training windows spread over the part: [first input row, last input row, last target row]. */
    private static List<int[]> examples(Part train, int window, int horizon) {
        int n = train.count();
        int k = Math.min(8, n);
        List<int[]> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int i = k == 1 ? 0 : (int) Math.round((double) j * (n - 1) / (k - 1));
            int firstTarget = train.windows().targetStart()[i];
            out.add(new int[] {firstTarget - window, firstTarget - 1, firstTarget + horizon - 1});
        }
        return out;
    }
}
