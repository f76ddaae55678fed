package io.miguard.mi.embedded;

/**
 * Told of every change of a {@link CimRepository}, in order. It is called while the repository is
 * locked for writing, on the thread that made the change: it must be quick, must not block, and
 * must not call the repository (hand the change to another thread instead).
 */
@FunctionalInterface
public interface RepositoryListener {
  void changed(RepositoryChange change);
}
