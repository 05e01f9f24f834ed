package dev.gated.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One bad input or option of the corpus: the command line (with {@code {dir}} standing for the test's folder),
 * the exit code it must give and the fragments its one-line message must contain.
 *
 * @param name      what is wrong, as the test's display name
 * @param code      1 failure, 2 usage error
 * @param args      the arguments, {@code {dir}} replaced by the fixture folder when run
 * @param fragments each must appear in the message
 */
record CorpusCase(String name, int code, List<String> args, List<String> fragments) {

    /** The arguments with {@code {dir}} resolved. */
    String[] resolve(Path dir) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.replace("{dir}", dir.toString()));
        }
        return out.toArray(String[]::new);
    }

    /** The fragments with {@code {dir}} resolved. */
    List<String> fragments(Path dir) {
        return fragments.stream().map(f -> f.replace("{dir}", dir.toString())).toList();
    }

    @Override
    public String toString() {
        return name + " → exit " + code;
    }
}
