package io.miguard.checker.analysis;

import com.google.errorprone.ErrorProneFlags;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;

/**
 * How a long body is analysed: in runs ("chunks") of its top-level statements, one graph and one
 * fixpoint per chunk, each chunk entered with the store at the normal end of the one before. The
 * Checker Framework's CFG builder keeps the predecessors of a graph's exceptional exit in an
 * array-backed set whose insertion is linear, so one graph for a body of thousands of statements
 * that may throw costs time quadratic in its size; chunks keep every graph small.
 *
 * <p>The result is the one of a single graph: control passes from one top-level statement to the
 * next only by falling through (loops, {@code try} and labelled blocks are statements of their own
 * and stay whole), so the store at the end of a chunk is the store at the start of the next, and an
 * exception leaves the body from any chunk alike. The one other way out, a {@code return}, would
 * reach the normal exit from the middle of the body: a chunk boundary is only ever placed where no
 * statement before it returns (a body's returns are usually at its end), and the statements from
 * the first one that returns on stay in the last chunk.
 *
 * <p>Set with {@code -XepOpt:Miguard:StatementChunks=N}: bodies of more than {@code 2N} top-level
 * statements are analysed in chunks of {@code N}; {@code 0} analyses every body whole.
 *
 * @param size top-level statements per chunk; 0: never chunk
 */
public record StatementChunking(int size) {
  /** The Error Prone flag, {@code -XepOpt:Miguard:StatementChunks=N}. */
  public static final String FLAG = "Miguard:StatementChunks";

  /** Chunks of 64 statements for bodies of more than 128. */
  public static final StatementChunking DEFAULT = new StatementChunking(64);

  public StatementChunking {
    if (size < 0) {
      throw new IllegalArgumentException(FLAG + " must not be negative: " + size);
    }
  }

  /** The chunking the compilation's flags ask for. */
  public static StatementChunking from(ErrorProneFlags flags) {
    return flags.getInteger(FLAG).map(StatementChunking::new).orElse(DEFAULT);
  }

  /** Bodies with more top-level statements than this are analysed in chunks. */
  int threshold() {
    return 2 * size;
  }

  /**
   * The chunks of the code {@code code} of a body, in order; empty if the body is analysed whole
   * (not a block, short enough, or no chunk boundary before a return).
   */
  List<List<? extends StatementTree>> chunksOf(Tree code) {
    if (size == 0
        || !(code instanceof BlockTree block)
        || block.getStatements().size() <= threshold()) {
      return List.of();
    }
    // javac's statement list is linked: indexed access would make this quadratic.
    List<StatementTree> statements = new ArrayList<>(block.getStatements());
    List<List<? extends StatementTree>> chunks = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < statements.size(); i++) {
      if (returns(statements.get(i))) {
        break;
      }
      if (i + 1 - start == size && i + 1 < statements.size()) {
        chunks.add(statements.subList(start, i + 1));
        start = i + 1;
      }
    }
    if (chunks.isEmpty()) {
      return List.of();
    }
    chunks.add(statements.subList(start, statements.size()));
    return chunks;
  }

  /** Whether {@code statement} returns from the body (not from a lambda or class inside it). */
  private static boolean returns(StatementTree statement) {
    Boolean found =
        new OwnCodeScanner<Boolean, Void>() {
          @Override
          public Boolean visitReturn(ReturnTree tree, Void unused) {
            return true;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(statement, null);
    return Boolean.TRUE.equals(found);
  }
}
