package org.ecsched.scheduler.artemis.example;

import com.artemis.Component;

/** The example world's components: public, with public fields, as artemis creates them by reflection. */
public final class Components {

    private Components() {
    }

    /** A component that contributes its values to the world hash. */
    public interface Hashed {
        /** A hash of the component's values. */
        long hash();
    }

    static long bits(float f) {
        return Float.floatToIntBits(f);
    }

    public static final class Position extends Component implements Hashed {
        public float x;
        public float y;

        @Override
        public long hash() {
            return bits(x) * 31 + bits(y);
        }
    }

    public static final class Velocity extends Component implements Hashed {
        public float x;
        public float y;

        @Override
        public long hash() {
            return bits(x) * 31 + bits(y);
        }
    }

    public static final class Mass extends Component implements Hashed {
        public float m;

        @Override
        public long hash() {
            return bits(m);
        }
    }

    public static final class Age extends Component implements Hashed {
        public int ticks;

        @Override
        public long hash() {
            return ticks;
        }
    }

    public static final class Lifetime extends Component implements Hashed {
        public int max;

        @Override
        public long hash() {
            return max;
        }
    }

    public static final class Health extends Component implements Hashed {
        public int hp;

        @Override
        public long hash() {
            return hp;
        }
    }

    public static final class Heat extends Component implements Hashed {
        public float t;

        @Override
        public long hash() {
            return bits(t);
        }
    }

    public static final class Team extends Component implements Hashed {
        public int id;

        @Override
        public long hash() {
            return id;
        }
    }

    public static final class Shield extends Component implements Hashed {
        public int charge;

        @Override
        public long hash() {
            return charge;
        }
    }

    public static final class Spawner extends Component implements Hashed {
        public int cooldown;
        public int period;
        public int spawned;

        @Override
        public long hash() {
            return (cooldown * 31L + period) * 31 + spawned;
        }
    }
}
