/**
 * The service-provider interface between the binding and the server that answers its operations:
 * {@link io.miguard.mi.spi.MiBackend} starts an {@link io.miguard.mi.spi.OperationRequest} and
 * reports its results to a {@link io.miguard.mi.spi.ResultSink}. The results a backend delivers are
 * owned instances and classes; the binding lends them to its callers (MI rule 5) and copies the
 * instances a caller passes in before they reach the backend.
 */
package io.miguard.mi.spi;
