package dev.gated.spark.job;

import picocli.CommandLine;

/**
 * Runs a job's picocli command: usage errors print the option's message and usage (exit 2), a failure's
 * message is printed as one line (exit 1) — never a stack trace for bad input.
 */
final class JobCommands {

    private JobCommands() {
    }

    static int run(Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(line.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }
}
