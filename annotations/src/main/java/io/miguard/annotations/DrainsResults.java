package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a parameter: the method drains the operation passed there (retrieves results until one says
 * {@code moreResults} is false) on every path on which it returns normally. On a method of an
 * {@link OperationHandle} type: the call drains its receiver.
 *
 * <p>To the checks, a call passing a synchronous operation to such a parameter drains it. The
 * {@code MiCloseBeforeDrain} check also verifies, where the method's body is compiled, that the
 * body really drains the parameter on every normal path, and reports it if not.
 *
 * <pre>{@code
 * static List<MiInstance> readAll(@DrainsResults MiOperation op) {
 *   List<MiInstance> all = new ArrayList<>();
 *   InstanceResult r;
 *   do {
 *     r = op.getInstance();
 *     if (r.instance() != null) all.add(r.instance().cloneInstance());
 *   } while (r.moreResults());
 *   return all;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface DrainsResults {}
