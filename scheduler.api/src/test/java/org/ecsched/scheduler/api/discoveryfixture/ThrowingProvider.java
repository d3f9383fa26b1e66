package org.ecsched.scheduler.api.discoveryfixture;

/** Discovery fixture whose constructor throws: discovery must report it by name, not swallow it. */
public final class ThrowingProvider extends FixtureProvider {

    /** The message of the constructor's exception. */
    public static final String MESSAGE = "provider exploded on purpose";

    /** Called by ServiceLoader; always throws. */
    public ThrowingProvider() {
        super("throwing", 1000);
        throw new IllegalStateException(MESSAGE);
    }
}
