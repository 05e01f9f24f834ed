package dev.gated.cli;

import dev.gated.studio.StudioOptions;
import dev.gated.studio.StudioServer;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gated studio}: starts the browser workbench (module {@code studio}) and serves it until the process is
 * stopped. Loopback only unless {@code --allow-remote}; the studio has no login.
 */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = {"Start the studio: a workbench in the browser to load a CSV, train RNN, LSTM and GRU side by "
                + "side with live loss curves, compare them with baselines, look inside the gates, and export the "
                + "model, the forecast and the equivalent command line.",
                "Prints the URL to open; Ctrl+C stops it (running jobs are cancelled, uploads deleted)."})
public final class StudioCommand implements Callable<Integer> {

    @ParentCommand
    GatedCommand parent;

    @Option(names = "--port", defaultValue = "" + StudioOptions.DEFAULT_PORT, paramLabel = "N",
            description = "TCP port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but loopback needs --allow-remote.")
    String host;

    @Option(names = "--allow-remote", description = "Allow a non-loopback --host. Anyone who can reach the address "
            + "can then upload files and run jobs: the studio has no login.")
    boolean allowRemote;

    @Option(names = "--max-upload-mb", defaultValue = "" + StudioOptions.DEFAULT_MAX_UPLOAD_MB, paramLabel = "MB",
            description = "Largest CSV upload accepted, in megabytes (default: ${DEFAULT-VALUE}).")
    long maxUploadMb;

    @Option(names = "--jobs", defaultValue = "2", paramLabel = "N",
            description = "Training jobs that run at once; the others wait in a queue (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = parent == null ? System.out : parent.io().out();
        PrintStream err = parent == null ? System.err : parent.io().err();
        StudioOptions options;
        try {
            if (maxUploadMb < 1 || maxUploadMb > 100_000) {
                throw new IllegalArgumentException("--max-upload-mb must be in 1..100000, got " + maxUploadMb);
            }
            options = new StudioOptions(host, port, maxUploadMb * 1024 * 1024, allowRemote, jobs);
        } catch (IllegalArgumentException e) {
            err.println("gated: error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (!StudioOptions.isLoopback(host)) {
            err.println("gated: warning: the studio listens on " + host + ": anyone who can reach this address can "
                    + "upload files and run training jobs (it has no login)");
        }
        StudioServer server;
        try {
            server = new StudioServer(options).start();
        } catch (RuntimeException e) {
            err.println("gated: error: cannot start the studio on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another studio running? try --port " + (port + 1) + ")");
            return CommandLine.ExitCode.SOFTWARE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "studio-shutdown"));
        out.println("Gated studio: " + server.url() + "  (Ctrl+C to stop)");
        out.flush();
        new CountDownLatch(1).await();
        return CommandLine.ExitCode.OK;
    }
}
