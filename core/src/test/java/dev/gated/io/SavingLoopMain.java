package dev.gated.io;

import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import java.nio.file.Path;

/**
 * The child process of {@link SaveKillTest}: saves a model to the same file over and over, each time with a
 * different first weight (the save number), and prints {@code saved N} after each save returns.
 */
public final class SavingLoopMain {

    private SavingLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Sequential model = Sequential.input(8, 4).seed(1).add(Recurrent.lstm(128)).add(new Dense(1));
        model.compile(new Adam(0.001), Loss.mse());
        for (int n = 1; ; n++) {
            model.parameters().get(0).value().set(0, n);
            model.save(target);
            System.out.println("saved " + n);
            System.out.flush();
        }
    }
}
