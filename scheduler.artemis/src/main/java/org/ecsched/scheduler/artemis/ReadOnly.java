package org.ecsched.scheduler.artemis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code ComponentMapper} field of a {@link ParallelIteratingSystem} whose components the system only
 * reads. Every other mapper field counts as a write: a mapper hands out mutable component objects, so a write is
 * the only sound assumption when nothing says otherwise. A system that writes through a field marked read-only
 * races with the systems that read that component at the same time; nothing can detect it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ReadOnly {
}
