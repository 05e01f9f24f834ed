package dev.gated.studio.web;

import dev.gated.studio.spec.ModelSpec;
import dev.gated.studio.spec.PrepareSpec;
import java.util.List;

/** {@code POST /api/runs}: the data preparation and the models to train on it. */
public record RunRequest(PrepareSpec prepare, List<ModelSpec> models) {

    public RunRequest {
        if (prepare == null) {
            throw new IllegalArgumentException("prepare: give the data set, target and window settings");
        }
    }
}
