/**
 * The kit's rule catalogue ({@link org.ecsched.scheduler.testkit.rules.Rule}), findings and settings: the leaf
 * package every other package of the kit depends on, and which depends on none of them.
 */
package org.ecsched.scheduler.testkit.rules;
