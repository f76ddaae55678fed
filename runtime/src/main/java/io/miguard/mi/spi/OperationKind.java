package io.miguard.mi.spi;

/** The kinds of session operation, each with how many results it delivers. */
public enum OperationKind {
  GET_INSTANCE(false),
  ENUMERATE_INSTANCES(true),
  QUERY_INSTANCES(true),
  ASSOCIATOR_INSTANCES(true),
  REFERENCE_INSTANCES(true),
  CREATE_INSTANCE(false),
  MODIFY_INSTANCE(false),
  DELETE_INSTANCE(false),
  INVOKE(false),
  SUBSCRIBE(true),
  GET_CLASS(false),
  ENUMERATE_CLASSES(true),
  TEST_CONNECTION(false);

  private final boolean multipleResults;

  OperationKind(boolean multipleResults) {
    this.multipleResults = multipleResults;
  }

  /** Whether the operation may deliver more than its final result. */
  public boolean multipleResults() {
    return multipleResults;
  }
}
