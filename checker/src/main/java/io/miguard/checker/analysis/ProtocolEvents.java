package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import io.miguard.checker.analysis.OperationState.Origin;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a body's transfer function observed about the rest of the protocol, at the fixpoint:
 * retrievals, reads of released borrowed objects, and closes of sessions and of the application.
 */
record ProtocolEvents(
    ImmutableList<RetrievalEvent> retrievals,
    ImmutableList<StaleRead> staleReads,
    ImmutableList<HandleCloseEvent> handleCloses) {

  static ProtocolEvents build(BodyRecorder recorder, BodySetup setup, Tree code) {
    List<RetrievalEvent> retrievals = new ArrayList<>();
    for (BodyRecorder.Retrieval retrieval : recorder.retrievals.values()) {
      retrievals.add(
          new RetrievalEvent(
              retrieval.tree(), retrieval.store().joinedState(retrieval.target().operations())));
    }
    List<StaleRead> staleReads = new ArrayList<>();
    for (BodyRecorder.BorrowedRead read : recorder.borrowedReads.values()) {
      Staleness staleness = read.borrowed().staleness();
      if (staleness != null && staleness.released()) {
        staleReads.add(new StaleRead(read.tree(), staleness));
      }
    }
    return new ProtocolEvents(
        ImmutableList.copyOf(retrievals),
        ImmutableList.copyOf(staleReads),
        handleCloses(recorder, setup, code));
  }

  /** The closes of sessions and of the application, one per source close (finally copies join). */
  private static ImmutableList<HandleCloseEvent> handleCloses(
      BodyRecorder recorder, BodySetup setup, Tree code) {
    Map<Tree, HandleCloseEvent.Role> roles = new LinkedHashMap<>();
    Map<Tree, Map<OperationState, Boolean>> open = new IdentityHashMap<>();
    for (BodyRecorder.HandleClose close : recorder.handleCloses.values()) {
      Tree report = close.tree();
      if (close.synthetic()) {
        Tree resource = setup.resourceOf(close.session());
        if (resource == null) {
          continue;
        }
        report = resource;
      }
      roles.putIfAbsent(report, close.role());
      Map<OperationState, Boolean> found = open.computeIfAbsent(report, r -> new LinkedHashMap<>());
      if (close.session() != null && !close.store().propagating()) {
        close
            .store()
            .operations()
            .forEach(
                (id, state) -> {
                  if (state.session() == close.session() && heldOpen(state, code)) {
                    found.put(state, true);
                  }
                });
      }
    }
    ImmutableList.Builder<HandleCloseEvent> events = ImmutableList.builder();
    roles.forEach(
        (report, role) ->
            events.add(
                new HandleCloseEvent(
                    role,
                    report,
                    nameOf(report, setup),
                    ImmutableList.copyOf(open.get(report).keySet()))));
    return events.build();
  }

  /**
   * Whether {@code state} is an operation {@code code} started and still holds (not escaped or
   * captured) that is open on some path.
   */
  static boolean heldOpen(OperationState state, Tree code) {
    return state.origin() == Origin.STARTED
        && !state.escaped()
        && !state.captured()
        && !state.closed().isDrained()
        && Positions.contains(code, state.startedAt());
  }

  private static String nameOf(Tree report, BodySetup setup) {
    if (report instanceof VariableTree variable) {
      return variable.getName().toString();
    }
    Tree receiver = CloseEvents.receiverOf(report);
    if (receiver instanceof IdentifierTree identifier) {
      return identifier.getName().toString();
    }
    String text = setup.sourceOf(receiver);
    return text != null ? text : "the handle";
  }
}
