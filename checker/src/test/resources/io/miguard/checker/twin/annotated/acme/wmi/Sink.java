package acme.wmi;

import io.miguard.annotations.DrainsResults;

/** Something that takes a query and reads all its results. */
public interface Sink {
  void take(@DrainsResults Query query);
}
