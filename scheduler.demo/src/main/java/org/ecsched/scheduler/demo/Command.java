package org.ecsched.scheduler.demo;

/** The demo ECS's deferred commands, recorded by systems and applied between phases in delivered order. */
sealed interface Command {

    /** Adds a particle. */
    record Spawn(float x, float y, float vx, float vy, int life) implements Command {
    }

    /** Removes the particle at an index. */
    record Despawn(int entity) implements Command {
    }
}
