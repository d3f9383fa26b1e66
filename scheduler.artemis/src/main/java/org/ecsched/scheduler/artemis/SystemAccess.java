package org.ecsched.scheduler.artemis;

import com.artemis.Aspect;
import com.artemis.BaseComponentMapper;
import com.artemis.BaseEntitySystem;
import com.artemis.ComponentTypeFactory;
import com.artemis.World;
import com.artemis.utils.BitVector;
import com.artemis.utils.IntBag;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The components an artemis entity system touches, derived from what it declares to artemis; the ecsched
 * {@code SystemSpec} gets them as reads and writes (component classes are the keys).
 *
 * <p>The rule, in full:
 * <ol>
 *   <li>Every component of the system's aspect ({@code all}, {@code one} and {@code exclude}) is read: the aspect
 *       decides which entities the system visits.</li>
 *   <li>Every {@code ComponentMapper<T>} field of the system's class or its superclasses is a write of {@code T},
 *       unless the field is annotated {@link ReadOnly}, which makes it a read. A mapper hands out mutable
 *       objects, so "write" is the only sound default.</li>
 *   <li>A component both read and written counts as written (the api's rule).</li>
 * </ol>
 * A mapper field whose component type is not a class (a raw {@code ComponentMapper}, or a type variable) is
 * rejected: its access could not be known. Access the system gains any other way (calling
 * {@code world.getMapper} in its body, another system's fields) is invisible here: don't.
 *
 * @param reads  classes of components only read, sorted by name
 * @param writes classes of components written, sorted by name
 */
record SystemAccess(Set<Class<?>> reads, Set<Class<?>> writes) {

    private static final Comparator<Class<?>> BY_NAME = Comparator.comparing(Class::getName);

    /**
     * Derives the access of {@code system}, which must already belong to {@code world} (its subscription
     * resolves the aspect).
     *
     * @throws IllegalStateException naming the system and field if a mapper's component type is not a class
     */
    static SystemAccess of(BaseEntitySystem system, World world) {
        TreeSet<Class<?>> reads = new TreeSet<>(BY_NAME);
        TreeSet<Class<?>> writes = new TreeSet<>(BY_NAME);
        Aspect aspect = system.getSubscription().getAspect();
        ComponentTypeFactory types = world.getComponentManager().getTypeFactory();
        for (BitVector bits : new BitVector[] {aspect.getAllSet(), aspect.getOneSet(), aspect.getExclusionSet()}) {
            IntBag indices = bits.toIntBag(new IntBag());
            for (int i = 0; i < indices.size(); i++) {
                reads.add(types.getTypeFor(indices.get(i)).getType());
            }
        }
        for (Class<?> c = system.getClass(); c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!BaseComponentMapper.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                Class<?> component = componentOf(system, field);
                (field.isAnnotationPresent(ReadOnly.class) ? reads : writes).add(component);
            }
        }
        reads.removeAll(writes);
        return new SystemAccess(Collections.unmodifiableSet(reads), Collections.unmodifiableSet(writes));
    }

    private static Class<?> componentOf(BaseEntitySystem system, Field field) {
        Type type = field.getGenericType();
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> component) {
            return component;
        }
        throw new IllegalStateException("system " + system.getClass().getName() + ": mapper field '"
                + field.getName() + "' has type " + type.getTypeName() + ", whose component is not a class, so its"
                + " access cannot be derived; declare it as ComponentMapper<YourComponent>");
    }
}
