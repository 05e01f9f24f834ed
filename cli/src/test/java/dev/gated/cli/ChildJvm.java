package dev.gated.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the gated command in a separate JVM with a given heap limit (-Xmx), to test what fits in bounded memory. */
final class ChildJvm {

    record Result(int code, String output, String errors) {
    }

    private ChildJvm() {
    }

    /** The command line that runs gated with {@code args} in a new JVM on this test's class path; maxHeap null: the default heap. */
    static List<String> command(String maxHeap, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        if (maxHeap != null) {
            cmd.add("-Xmx" + maxHeap);
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GatedCommand.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs gated with {@code args} in a new JVM with at most {@code maxHeap} of heap (e.g. "24m") and waits for it. */
    static Result run(String maxHeap, String... args) throws IOException, InterruptedException {
        List<String> cmd = command(maxHeap, args);
        Path out = Files.createTempFile("gated-child", ".out");
        Path err = Files.createTempFile("gated-child", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
            int code = p.waitFor();
            return new Result(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
