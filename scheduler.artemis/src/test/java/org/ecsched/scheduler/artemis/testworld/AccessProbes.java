package org.ecsched.scheduler.artemis.testworld;

import com.artemis.Component;
import com.artemis.ComponentMapper;
import com.artemis.annotations.All;
import com.artemis.annotations.Exclude;
import org.ecsched.scheduler.artemis.EntityCommands;
import org.ecsched.scheduler.artemis.ParallelIteratingSystem;
import org.ecsched.scheduler.artemis.ReadOnly;

/**
 * Systems that declare their access in each way {@code SystemAccess} reads it, with bodies that do nothing: the
 * rule is derived from declarations only. (The example world of scheduler.artemis.example is not used here: that
 * module depends on this one.)
 */
public final class AccessProbes {

    private AccessProbes() {
    }

    /** A component. */
    public static final class A extends Component {
    }

    /** A component. */
    public static final class B extends Component {
    }

    /** A component. */
    public static final class C extends Component {
    }

    /** A mapper field: a write. */
    @All(A.class)
    public static final class WritesA extends ParallelIteratingSystem {
        ComponentMapper<A> a;

        @Override
        protected void process(int e, EntityCommands commands) {
        }
    }

    /** A read-only mapper is a read; a written one a write. */
    @All({A.class, B.class})
    public static final class WritesAReadsB extends ParallelIteratingSystem {
        ComponentMapper<A> a;
        @ReadOnly ComponentMapper<B> b;

        @Override
        protected void process(int e, EntityCommands commands) {
        }
    }

    /** all(A, B), exclude(C), both mappers read-only. */
    @All({A.class, B.class})
    @Exclude(C.class)
    public static final class ExcludesC extends ParallelIteratingSystem {
        @ReadOnly ComponentMapper<A> a;
        @ReadOnly ComponentMapper<B> b;

        @Override
        protected void process(int e, EntityCommands commands) {
        }
    }

    /** A and C in the aspect and behind written mappers. */
    @All({A.class, C.class})
    public static final class ReadsAndWritesAC extends ParallelIteratingSystem {
        ComponentMapper<A> a;
        ComponentMapper<C> c;

        @Override
        protected void process(int e, EntityCommands commands) {
        }
    }
}
