package org.ecsched.scheduler.api.discoveryfixture;

/** Discovery fixture "alpha", priority 5. */
public final class AlphaProvider extends FixtureProvider {

    /** Called by ServiceLoader. */
    public AlphaProvider() {
        super("alpha", 5);
    }
}
