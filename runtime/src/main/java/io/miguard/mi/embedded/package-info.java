/**
 * The embedded in-memory CIM server that serves the binding by default.
 *
 * <p>{@link io.miguard.mi.embedded.EmbeddedBackend} implements the backend SPI ({@link
 * io.miguard.mi.spi.MiBackend}): it runs each operation on a thread of its own against a {@link
 * io.miguard.mi.embedded.CimRepository} of namespaces, classes ({@link
 * io.miguard.mi.embedded.ClassDeclaration}) and instances, applies the namespaces' {@link
 * io.miguard.mi.embedded.AccessRule}s, answers WQL queries and subscriptions (parsed by {@link
 * io.miguard.mi.embedded.wql}), and runs extrinsic methods through Java {@link
 * io.miguard.mi.embedded.MethodProvider}s. {@link
 * io.miguard.mi.embedded.EmbeddedBackend#withDemoData()} describes the demo data samples rely on.
 */
package io.miguard.mi.embedded;
