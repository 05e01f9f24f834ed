package dev.gated.spark;

import java.io.Serializable;

/**
 * Called at the start of each unit of work inside a Spark task (a series fit, a partition's gradient), to
 * rehearse failures: a test throws from it on a task's first attempt ({@code TaskContext.get().attemptNumber()
 * == 0}) and checks that Spark's retry gives the same result. {@link #NONE} does nothing.
 */
@FunctionalInterface
public interface TaskFault extends Serializable {

    TaskFault NONE = what -> { };

    /** @param what the work about to run: a series id, or "partition p, step s" */
    void before(String what);
}
