package io.miguard.robustness.generated;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates methods of a small language of the rest of MI's protocol (issue 13), each with the
 * findings of the four protocol checks computed independently of the checker, by following every
 * path: a few operations started on the session {@code s} at the top (some asynchronously, with
 * callbacks that never touch them), then closes, retrievals, instances borrowed from results and
 * read later, session closes and early returns, nested in {@code if}s.
 *
 * <p>The truth, from the checks' pages: {@code MiOperationNotClosed} on the start of an operation
 * that some path to the method's end (or a return) leaves unclosed, and on a session close that
 * some path reaches with an operation open; {@code MiRetrievalOnAsyncOperation} on every retrieval
 * from an asynchronous operation; {@code MiResultUsedAfterRetrieval} on a read of an instance that
 * some path reaches after a retrieval from (or the close of) the operation it was borrowed from.
 * Each instance variable is borrowed from one operation only, so every release is exact.
 */
final class ProtocolTruthPrograms {
  /** A statement of the language. */
  sealed interface Stmt permits Close, Retrieve, Borrow, Read, CloseSession, Return, If {}

  /** {@code opK.close();} */
  record Close(int op) implements Stmt {}

  /** {@code opK.getInstance();} or {@code opK.drainInstances();} */
  record Retrieve(int op, boolean drain) implements Stmt {}

  /** {@code instK = opK.getInstance().instance();}: a retrieval, then a fresh borrowed instance. */
  record Borrow(int op) implements Stmt {}

  /** {@code if (instK != null) { Object v = instK.get("Name"); }} */
  record Read(int op) implements Stmt {}

  /** {@code s.close();} */
  record CloseSession() implements Stmt {}

  /** {@code return;} (only as the last statement of a then-branch) */
  record Return() implements Stmt {}

  /** {@code if (c.getAsBoolean()) { then } else { otherwise }} */
  record If(List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

  private static final int NULL = 0;
  private static final int FRESH = 1;
  private static final int STALE = 2;

  private final Random random;
  private final int operations;

  private ProtocolTruthPrograms(Random random, int operations) {
    this.random = random;
    this.operations = operations;
  }

  /** The program of {@code seed}, as class {@code className} with a few methods. */
  static GeneratedProgram generate(String className, long seed) {
    Random random = new Random(seed);
    SourceBuilder out = new SourceBuilder();
    Binding.openClass(out, className);
    List<GeneratedProgram.Unit> units = new ArrayList<>();
    int methods = 2 + random.nextInt(4);
    for (int m = 0; m < methods; m++) {
      ProtocolTruthPrograms generator = new ProtocolTruthPrograms(random, 1 + random.nextInt(3));
      out.line("");
      int first = out.open("void m" + m + "(MiSession s, BooleanSupplier c) {");
      List<Stmt> body =
          random.nextInt(3) == 0 ? generator.everydayBlock() : generator.block(0, true);
      Set<String> expected = generator.write(out, body, className + ".java");
      int last = out.close("}");
      units.add(new GeneratedProgram.Unit("m" + m, first, last, Set.of(), expected));
    }
    out.close("}");
    return new GeneratedProgram(className, out.toString(), seed, units);
  }

  // ---- generation ----

  private List<Stmt> block(int depth, boolean mayReturn) {
    List<Stmt> statements = new ArrayList<>();
    int size = 1 + random.nextInt(depth == 0 ? 6 : 3);
    for (int i = 0; i < size; i++) {
      int op = random.nextInt(operations);
      int roll = random.nextInt(depth >= 2 ? 8 : 10);
      statements.add(
          switch (roll) {
            case 0, 1 -> new Close(op);
            case 2 -> new Retrieve(op, random.nextBoolean());
            case 3, 4 -> new Borrow(op);
            case 5, 6 -> new Read(op);
            case 7 -> random.nextInt(3) == 0 ? new CloseSession() : new Read(op);
            default -> new If(block(depth + 1, true), block(depth + 1, false));
          });
    }
    if (mayReturn && depth > 0 && random.nextInt(3) == 0) {
      statements.add(new Return());
    }
    return statements;
  }

  /**
   * The everyday shape (issue 14): each operation drained, then closed, in turn, which the checker
   * proves silent without a graph when every operation is synchronous; in half of them one random
   * statement somewhere (an early return in an {@code if}, a borrow, a read, a session close, a
   * close or a retrieval more), a near miss the proof must not accept.
   */
  private List<Stmt> everydayBlock() {
    List<Stmt> statements = new ArrayList<>();
    for (int k = 0; k < operations; k++) {
      statements.add(new Retrieve(k, true));
      statements.add(new Close(k));
    }
    if (random.nextBoolean()) {
      List<Stmt> miss = block(1, true);
      statements.add(random.nextInt(statements.size() + 1), miss.get(0));
    }
    return statements;
  }

  // ---- rendering and truth ----

  /** What the paths reaching a point are like: a set of states (see {@link #state}). */
  private final class Explorer {
    final String file;
    final boolean[] async;
    final int[] startLines;
    final Set<String> expected = new TreeSet<>();
    final Set<List<Integer>> exits = new HashSet<>();

    Explorer(String file, boolean[] async, int[] startLines) {
      this.file = file;
      this.async = async;
      this.startLines = startLines;
    }

    void expect(String check, int line) {
      expected.add(GeneratedProgram.key(check, file, line));
    }
  }

  /**
   * A state of one path, as a list: for each operation, whether it is closed (0 or 1), then for
   * each operation the state of its instance variable ({@link #NULL}, {@link #FRESH}, {@link
   * #STALE}).
   */
  private List<Integer> state(int[] closed, int[] instances) {
    List<Integer> state = new ArrayList<>();
    for (int k = 0; k < operations; k++) {
      state.add(closed[k]);
    }
    for (int k = 0; k < operations; k++) {
      state.add(instances[k]);
    }
    return state;
  }

  private Set<String> write(SourceBuilder out, List<Stmt> body, String file) {
    boolean[] async = new boolean[operations];
    int[] startLines = new int[operations];
    for (int k = 0; k < operations; k++) {
      async[k] = random.nextInt(4) == 0;
      startLines[k] =
          out.line(
              "MiOperation op"
                  + k
                  + " = s.enumerateInstances(NS, \"Class"
                  + k
                  + "\""
                  + (async[k] ? ", new MiOperationCallbacks() {}" : "")
                  + ");");
    }
    for (int k = 0; k < operations; k++) {
      out.line("MiInstance inst" + k + " = null;");
    }
    Explorer explorer = new Explorer(file, async, startLines);
    Set<List<Integer>> entry = Set.of(state(new int[operations], new int[operations]));
    Set<List<Integer>> end = walk(out, body, entry, explorer);
    explorer.exits.addAll(end);
    for (int k = 0; k < operations; k++) {
      for (List<Integer> exit : explorer.exits) {
        if (exit.get(k) == 0) {
          explorer.expect("MiOperationNotClosed", startLines[k]);
        }
      }
    }
    return explorer.expected;
  }

  /** Writes {@code statements} and returns the states that leave them normally. */
  private Set<List<Integer>> walk(
      SourceBuilder out, List<Stmt> statements, Set<List<Integer>> in, Explorer explorer) {
    Set<List<Integer>> states = in;
    for (Stmt statement : statements) {
      states = step(out, statement, states, explorer);
    }
    return states;
  }

  private Set<List<Integer>> step(
      SourceBuilder out, Stmt statement, Set<List<Integer>> in, Explorer explorer) {
    Set<List<Integer>> result = new HashSet<>();
    if (statement instanceof Close close) {
      out.line("op" + close.op() + ".close();");
      for (List<Integer> state : in) {
        result.add(release(with(state, close.op(), 1), close.op()));
      }
    } else if (statement instanceof Retrieve retrieve) {
      int line =
          out.line(
              "op" + retrieve.op() + (retrieve.drain() ? ".drainInstances();" : ".getInstance();"));
      if (explorer.async[retrieve.op()]) {
        explorer.expect("MiRetrievalOnAsyncOperation", line);
      }
      for (List<Integer> state : in) {
        result.add(release(state, retrieve.op()));
      }
    } else if (statement instanceof Borrow borrow) {
      int k = borrow.op();
      int line = out.line("inst" + k + " = op" + k + ".getInstance().instance();");
      if (explorer.async[k]) {
        explorer.expect("MiRetrievalOnAsyncOperation", line);
      }
      for (List<Integer> state : in) {
        result.add(with(state, operations + k, FRESH));
      }
    } else if (statement instanceof Read read) {
      int k = read.op();
      out.open("if (inst" + k + " != null) {");
      int line = out.line("Object v = inst" + k + ".get(\"Name\");");
      out.close("}");
      for (List<Integer> state : in) {
        if (state.get(operations + k) == STALE) {
          explorer.expect("MiResultUsedAfterRetrieval", line);
        }
      }
      result.addAll(in);
    } else if (statement instanceof CloseSession) {
      int line = out.line("s.close();");
      for (List<Integer> state : in) {
        for (int k = 0; k < operations; k++) {
          if (state.get(k) == 0) {
            explorer.expect("MiOperationNotClosed", line);
          }
        }
      }
      result.addAll(in);
    } else if (statement instanceof Return) {
      out.line("return;");
      explorer.exits.addAll(in);
    } else if (statement instanceof If branch) {
      out.open("if (c.getAsBoolean()) {");
      result.addAll(walk(out, branch.then(), in, explorer));
      out.reopen("} else {");
      result.addAll(walk(out, branch.otherwise(), in, explorer));
      out.close("}");
    }
    return result;
  }

  private static List<Integer> with(List<Integer> state, int index, int value) {
    List<Integer> changed = new ArrayList<>(state);
    changed.set(index, value);
    return changed;
  }

  /** A retrieval from or the close of operation {@code k} releases its borrowed instance. */
  private List<Integer> release(List<Integer> state, int k) {
    return state.get(operations + k) == FRESH ? with(state, operations + k, STALE) : state;
  }
}
