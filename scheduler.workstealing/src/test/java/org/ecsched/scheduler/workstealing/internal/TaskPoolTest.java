package org.ecsched.scheduler.workstealing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link TaskPool#rebalance}: uneven pools become even (sizes differ by at most one) and no task is lost. */
class TaskPoolTest {

    private static Set<Task> drain(TaskPool[] pools) {
        Set<Task> all = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TaskPool p : pools) {
            int n = p.size();
            for (int i = 0; i < n; i++) {
                Task t = p.acquire();
                assertThat(t.pooled).isTrue();
                assertThat(all.add(t)).as("task handed out twice").isTrue();
            }
            assertThat(p.size()).isZero();
        }
        return all;
    }

    @Test
    void unevenPoolsBecomeEvenWithoutLosingATask() {
        int[][] shapes = {{10, 0, 0, 0}, {0, 0, 7}, {5, 1}, {3, 3, 4}, {0, 100, 1, 0, 9}, {1}, {0, 0}};
        for (int[] shape : shapes) {
            TaskPool[] pools = new TaskPool[shape.length];
            Set<Task> before = Collections.newSetFromMap(new IdentityHashMap<>());
            int total = 0;
            for (int i = 0; i < shape.length; i++) {
                pools[i] = new TaskPool();
                for (int k = 0; k < shape[i]; k++) {
                    Task t = new Task(true);
                    before.add(t);
                    pools[i].release(t);
                }
                total += shape[i];
            }
            TaskPool.rebalance(pools);
            int min = Integer.MAX_VALUE;
            int max = 0;
            int sum = 0;
            for (TaskPool p : pools) {
                min = Math.min(min, p.size());
                max = Math.max(max, p.size());
                sum += p.size();
            }
            assertThat(sum).as("total after rebalance").isEqualTo(total);
            assertThat(max - min).as("spread after rebalance of %s", java.util.Arrays.toString(shape))
                    .isLessThanOrEqualTo(1);
            Set<Task> after = drain(pools);
            assertThat(after).as("the very same task objects").hasSize(total).isEqualTo(before);
        }
    }

    @Test
    void acquireFromAnEmptyPoolMakesAPooledTaskAndReleaseClearsThePlan() {
        TaskPool p = new TaskPool();
        Task t = p.acquire();
        assertThat(t.pooled).isTrue();
        t.plan = null;
        p.release(t);
        assertThat(p.size()).isEqualTo(1);
        assertThat(p.acquire()).isSameAs(t);
        assertThat(p.size()).isZero();
    }
}
