/**
 * The kit's rule catalogue ({@link org.ecsched.scheduler.testkit.rules.Rule}), findings and settings: the leaf
 * package every other package of the kit depends on, and which depends on none of them.
 *
 * <p>Start with {@link org.ecsched.scheduler.testkit.rules.Rule}: every rule in one place, with its number, its
 * statement, when an optional rule is skipped and what to check when it fails.
 */
package org.ecsched.scheduler.testkit.rules;
