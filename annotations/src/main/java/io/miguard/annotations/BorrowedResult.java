package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an accessor of a result type (the type a {@link RetrievesResult} method returns) whose
 * value is borrowed from the operation: an instance, class or error details that stays valid only
 * until the next retrieval from the same operation or its close (MI rule 5). On a record component
 * it applies to the generated accessor.
 *
 * <p>To the checks ({@code MiResultUsedAfterRetrieval}), reading the returned object (calling a
 * method on it, or passing it on) after that point is a use of freed memory, unless a {@link
 * CopiesResult} method made a copy of it before. Storing the reference is not a read.
 *
 * <pre>{@code
 * public record InstanceResult(@BorrowedResult MiInstance instance, @MoreResults boolean moreResults,
 *     ...) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface BorrowedResult {}
