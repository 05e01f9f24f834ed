package dev.gated.studio.jobs;

/** A training job's life: queued → running → done | failed | cancelled. */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
