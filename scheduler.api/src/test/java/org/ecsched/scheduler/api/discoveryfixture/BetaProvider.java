package org.ecsched.scheduler.api.discoveryfixture;

/** Discovery fixture "beta", priority 50. */
public final class BetaProvider extends FixtureProvider {

    /** Called by ServiceLoader. */
    public BetaProvider() {
        super("beta", 50);
    }
}
