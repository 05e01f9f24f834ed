package dev.gated.studio.web;

import dev.gated.studio.pipeline.ModelSpec;
import dev.gated.studio.pipeline.PrepareSpec;
import java.util.List;

/** {@code POST /api/runs}: the data preparation and the models to train on it. */
public record RunRequest(PrepareSpec prepare, List<ModelSpec> models) {

    public RunRequest {
        if (prepare == null) {
            throw new IllegalArgumentException("prepare: give the data set, target and window settings");
        }
    }
}
