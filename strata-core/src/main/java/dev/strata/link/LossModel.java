package dev.strata.link;

import java.util.random.RandomGenerator;

/**
 * How a link direction loses frames: not at all, independently (Bernoulli), or in bursts (Gilbert-Elliott).
 *
 * <p>A model is a configuration; {@link #newProcess()} makes the stateful loss process one link direction runs.
 */
public sealed interface LossModel {

    /** The model that never loses a frame. */
    LossModel NONE = new Bernoulli(0);

    /** A fresh loss process in its initial state. */
    Process newProcess();

    /** The stateful side of a model: one decision per frame. */
    @FunctionalInterface
    interface Process {
        /** True when the next frame is lost. */
        boolean lose(RandomGenerator random);
    }

    /**
     * Independent loss: every frame is lost with probability {@code p}.
     *
     * @param p loss probability, 0..1
     */
    record Bernoulli(double p) implements LossModel {
        /** Validates the probability. */
        public Bernoulli {
            checkProbability("loss", p);
        }

        @Override
        public Process newProcess() {
            if (p == 0) {
                return r -> false;
            }
            return r -> r.nextDouble() < p;
        }
    }

    /**
     * The Gilbert-Elliott two-state burst-loss model: a Good and a Bad state with per-state loss probabilities, and
     * per-frame transition probabilities between them.
     *
     * @param p probability of moving Good to Bad
     * @param r probability of moving Bad to Good
     * @param lossGood loss probability in the Good state (1-k in the usual notation)
     * @param lossBad loss probability in the Bad state (1-h)
     */
    record GilbertElliott(double p, double r, double lossGood, double lossBad) implements LossModel {
        /** Validates the probabilities. */
        public GilbertElliott {
            checkProbability("p", p);
            checkProbability("r", r);
            checkProbability("lossGood", lossGood);
            checkProbability("lossBad", lossBad);
        }

        /** The stationary loss rate: pi_G * lossGood + pi_B * lossBad with pi_B = p / (p + r). */
        public double meanLoss() {
            if (p + r == 0) {
                return lossGood;
            }
            double bad = p / (p + r);
            return (1 - bad) * lossGood + bad * lossBad;
        }

        @Override
        public Process newProcess() {
            return new Process() {
                private boolean bad;

                @Override
                public boolean lose(RandomGenerator random) {
                    // Transition first, then decide loss in the new state (per-frame Markov chain).
                    if (bad) {
                        if (random.nextDouble() < r) {
                            bad = false;
                        }
                    } else if (random.nextDouble() < p) {
                        bad = true;
                    }
                    return random.nextDouble() < (bad ? lossBad : lossGood);
                }
            };
        }
    }

    /** Throws when {@code value} is not a probability. */
    static void checkProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], not " + value);
        }
    }
}
