package io.miguard.checker.analysis;

import static java.util.Objects.requireNonNull;

import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.TreeMaker;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Runs the dataflow of one body: builds its control-flow graph and computes the fixpoint with its
 * transfer function, as one graph or, for a long body, one graph per chunk of its top-level
 * statements ({@link StatementChunking}).
 */
final class BodyDataflow {
  /**
   * The stores at the body's exits.
   *
   * @param regular at normal exit (returns and falling off the end), null if none is reached
   * @param exceptional at the exceptional exit, joined over the chunks, null if none is reached
   */
  record Exits(@Nullable OperationStore regular, @Nullable OperationStore exceptional) {}

  private BodyDataflow() {}

  /**
   * @param codePath the path to the code whose graph is built (a method's or lambda's body, an
   *     initializer)
   * @param chunks the chunks of that code's statements, or none to analyse it whole
   * @param graphs graphs of whole bodies kept for another analysis of the same code, by code (null:
   *     build the graph for this analysis alone)
   */
  static Exits run(
      TreePath codePath,
      UnderlyingAST ast,
      OperationTransfer transfer,
      BodySetup setup,
      List<List<? extends StatementTree>> chunks,
      @Nullable Map<Tree, ControlFlowGraph> graphs,
      TreeMaker trees,
      ProcessingEnvironment environment) {
    if (chunks.isEmpty()) {
      ControlFlowGraph cfg =
          graphs == null
              ? CFGBuilder.build(codePath, ast, false, false, environment)
              : graphs.computeIfAbsent(
                  codePath.getLeaf(),
                  code -> CFGBuilder.build(codePath, ast, false, false, environment));
      return fixpoint(cfg, transfer, setup);
    }
    OperationStore exceptional = null;
    Exits exits = null;
    for (List<? extends StatementTree> chunk : chunks) {
      TreePath chunkPath = new TreePath(codePath.getParentPath(), block(chunk, trees));
      exits =
          fixpoint(CFGBuilder.build(chunkPath, ast, false, false, environment), transfer, setup);
      exceptional = join(exceptional, exits.exceptional());
      if (exits.regular() == null) {
        // No path falls off this chunk's end: the statements after it are never reached.
        break;
      }
      setup.continueFrom(exits.regular());
    }
    setup.continueFrom(null);
    return new Exits(requireNonNull(exits, "no chunk").regular(), exceptional);
  }

  @SuppressWarnings("NullAway") // performAnalysis set the graph that the exit stores require
  private static Exits fixpoint(ControlFlowGraph cfg, OperationTransfer transfer, BodySetup setup) {
    setup.addGraph(cfg);
    OperationDataflow analysis = new OperationDataflow(transfer);
    analysis.performAnalysis(cfg);
    return new Exits(analysis.getRegularExitStore(), analysis.getExceptionalExitStore());
  }

  /** A block of the chunk's statements (the statements themselves, not copies), for its graph. */
  private static JCBlock block(List<? extends StatementTree> chunk, TreeMaker trees) {
    com.sun.tools.javac.util.List<JCStatement> statements = com.sun.tools.javac.util.List.nil();
    for (int i = chunk.size() - 1; i >= 0; i--) {
      statements = statements.prepend((JCStatement) chunk.get(i));
    }
    int position = trees.pos;
    JCBlock block = trees.at(((JCTree) chunk.get(0)).getStartPosition()).Block(0, statements);
    trees.at(position);
    return block;
  }

  private static @Nullable OperationStore join(
      @Nullable OperationStore a, @Nullable OperationStore b) {
    return a == null ? b : b == null ? a : a.leastUpperBound(b);
  }
}
