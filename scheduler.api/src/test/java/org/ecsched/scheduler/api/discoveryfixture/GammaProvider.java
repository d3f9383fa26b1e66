package org.ecsched.scheduler.api.discoveryfixture;

/** Discovery fixture "gamma", priority 5. */
public final class GammaProvider extends FixtureProvider {

    /** Called by ServiceLoader. */
    public GammaProvider() {
        super("gamma", 5);
    }
}
