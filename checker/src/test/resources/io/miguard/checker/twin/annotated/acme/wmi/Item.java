package acme.wmi;

import io.miguard.annotations.CopiesResult;

/** What a result carries: valid until the next retrieval from its query, unless copied. */
public final class Item {
  private final String name;

  Item(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  @CopiesResult
  public Item copy() {
    return new Item(name);
  }
}
