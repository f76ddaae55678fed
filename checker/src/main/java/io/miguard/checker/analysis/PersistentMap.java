package io.miguard.checker.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map whose updates copy one path of a 32-way hash trie instead of the whole map, and
 * whose join skips every subtree the two maps share. A store changes a few entries per CFG node and
 * two stores at a join share most of their subtrees, so both cost time in the number of entries
 * that differ, not in the size of the map: the analysis stays linear in the size of a method
 * however many locals and operations it tracks.
 *
 * <p>Keys need consistent {@code equals} and {@code hashCode}; values need {@code equals}. Null
 * keys and values are not allowed. Iteration order is the trie's, not insertion order.
 */
final class PersistentMap<K, V> {
  /**
   * A value that says which of a few kinds it is, as bits: every subtree of the trie knows the
   * union of its values' tags, so that a visit of the values of some kinds ({@link #forEachTagged})
   * skips the subtrees that hold none, and costs the number of those values, not the map's size.
   */
  interface Tagged {
    int tags();
  }

  private static final int BITS = 5;
  private static final int MASK = (1 << BITS) - 1;

  /** Below this shift the 32 hash bits are used up: keys whose hashes are equal share a list. */
  private static final int MAX_SHIFT = 30;

  private static final PersistentMap<?, ?> EMPTY =
      new PersistentMap<>(new Node(0, new Object[0]), 0);

  private final Node root;
  private final int size;
  private int hash;

  private PersistentMap(Node root, int size) {
    this.root = root;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <K, V> PersistentMap<K, V> empty() {
    return (PersistentMap<K, V>) EMPTY;
  }

  static <K, V> PersistentMap<K, V> copyOf(Map<K, V> map) {
    PersistentMap<K, V> result = empty();
    for (Map.Entry<K, V> entry : map.entrySet()) {
      result = result.with(entry.getKey(), entry.getValue());
    }
    return result;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  @SuppressWarnings("unchecked")
  @Nullable V get(Object key) {
    Entry entry = root.find(key, key.hashCode(), 0);
    return entry == null ? null : (V) entry.value;
  }

  /** This map with {@code key} mapped to {@code value}; this map itself if it already is. */
  PersistentMap<K, V> with(K key, V value) {
    Objects.requireNonNull(value);
    int keyHash = key.hashCode();
    Entry old = root.find(key, keyHash, 0);
    if (old != null && (old.value == value || old.value.equals(value))) {
      return this;
    }
    Node newRoot = root.put(new Entry(key, keyHash, value), 0);
    return new PersistentMap<>(newRoot, old == null ? size + 1 : size);
  }

  /** This map without {@code key}; this map itself if it has none. */
  PersistentMap<K, V> without(Object key) {
    int keyHash = key.hashCode();
    if (root.find(key, keyHash, 0) == null) {
      return this;
    }
    return new PersistentMap<>(root.remove(key, keyHash, 0), size - 1);
  }

  @SuppressWarnings("unchecked")
  void forEach(BiConsumer<? super K, ? super V> action) {
    root.forEach(entry -> action.accept((K) entry.key, (V) entry.value));
  }

  /**
   * Visits, in iteration order, the entries whose value has one of the tags in {@code mask} (see
   * {@link Tagged}); the others are skipped a subtree at a time.
   */
  @SuppressWarnings("unchecked")
  void forEachTagged(int mask, BiConsumer<? super K, ? super V> action) {
    root.forEachTagged(mask, entry -> action.accept((K) entry.key, (V) entry.value));
  }

  /** A mutable copy, in iteration order. */
  Map<K, V> toMap() {
    Map<K, V> map = new LinkedHashMap<>();
    forEach(map::put);
    return map;
  }

  /**
   * The pointwise join with {@code other}: a key only one side has keeps that side's value; a key
   * both have maps to {@code join(mine, theirs)}, and is dropped if {@code drop} holds for that.
   * Subtrees the two maps share are skipped, which is sound because {@code join} must be idempotent
   * ({@code join(v, v)} equals {@code v}), as every lattice join is, and because no map holds a
   * value {@code drop} holds for.
   */
  PersistentMap<K, V> join(
      PersistentMap<K, V> other, BinaryOperator<V> join, Predicate<? super V> drop) {
    if (root == other.root) {
      return this;
    }
    List<Entry> different = new ArrayList<>();
    other.root.forEachDifferent(root, different::add);
    PersistentMap<K, V> result = this;
    for (Entry entry : different) {
      @SuppressWarnings("unchecked")
      K key = (K) entry.key;
      @SuppressWarnings("unchecked")
      V theirs = (V) entry.value;
      V mine = result.get(key);
      V joined = mine == null ? theirs : join.apply(mine, theirs);
      if (!joined.equals(mine)) {
        result = drop.test(joined) ? result.without(key) : result.with(key, joined);
      }
    }
    return result;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof PersistentMap<?, ?> other)
        || other.size != size
        || other.hashCode() != hashCode()) {
      return false;
    }
    if (other.root == root) {
      return true;
    }
    return root.allMatch(
        entry -> {
          Entry theirs = other.root.find(entry.key, entry.keyHash, 0);
          return theirs != null && theirs.value.equals(entry.value);
        });
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0 && size > 0) {
      int[] sum = {0};
      root.forEach(entry -> sum[0] += entry.keyHash ^ entry.value.hashCode());
      h = sum[0] == 0 ? 1 : sum[0];
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return toMap().toString();
  }

  /** One key and its value (immutable). */
  private static final class Entry {
    final Object key;
    final int keyHash;
    final Object value;
    final int tags;

    Entry(Object key, int keyHash, Object value) {
      this.key = key;
      this.keyHash = keyHash;
      this.value = value;
      this.tags = value instanceof Tagged tagged ? tagged.tags() : 0;
    }
  }

  /**
   * A trie node: {@code bitmap} says which of the 32 slots of this level are used; {@code slots}
   * holds them in order, each an {@link Entry} or a child {@link Node}. Below {@link #MAX_SHIFT} a
   * node is a plain list of entries whose hashes are all equal.
   */
  private static final class Node {
    final int bitmap;
    final Object[] slots;

    /** The union of the tags of the values under this node. */
    final int tags;

    Node(int bitmap, Object[] slots) {
      this.bitmap = bitmap;
      this.slots = slots;
      int union = 0;
      for (Object slot : slots) {
        union |= slot instanceof Node child ? child.tags : ((Entry) slot).tags;
      }
      this.tags = union;
    }

    private static int bit(int keyHash, int shift) {
      return 1 << ((keyHash >>> shift) & MASK);
    }

    private int index(int bit) {
      return Integer.bitCount(bitmap & (bit - 1));
    }

    @Nullable Entry find(Object key, int keyHash, int shift) {
      if (shift > MAX_SHIFT) {
        for (Object slot : slots) {
          Entry entry = (Entry) slot;
          if (entry.key.equals(key)) {
            return entry;
          }
        }
        return null;
      }
      int bit = bit(keyHash, shift);
      if ((bitmap & bit) == 0) {
        return null;
      }
      Object slot = slots[index(bit)];
      if (slot instanceof Node child) {
        return child.find(key, keyHash, shift + BITS);
      }
      Entry entry = (Entry) slot;
      return entry.keyHash == keyHash && entry.key.equals(key) ? entry : null;
    }

    Node put(Entry entry, int shift) {
      if (shift > MAX_SHIFT) {
        for (int i = 0; i < slots.length; i++) {
          if (((Entry) slots[i]).key.equals(entry.key)) {
            return new Node(0, replaced(slots, i, entry));
          }
        }
        return new Node(0, inserted(slots, slots.length, entry));
      }
      int bit = bit(entry.keyHash, shift);
      int index = index(bit);
      if ((bitmap & bit) == 0) {
        return new Node(bitmap | bit, inserted(slots, index, entry));
      }
      Object slot = slots[index];
      if (slot instanceof Node child) {
        return new Node(bitmap, replaced(slots, index, child.put(entry, shift + BITS)));
      }
      Entry existing = (Entry) slot;
      if (existing.keyHash == entry.keyHash && existing.key.equals(entry.key)) {
        return new Node(bitmap, replaced(slots, index, entry));
      }
      Node pair = new Node(0, new Object[0]).put(existing, shift + BITS).put(entry, shift + BITS);
      return new Node(bitmap, replaced(slots, index, pair));
    }

    /** Removes a key that is present. */
    Node remove(Object key, int keyHash, int shift) {
      if (shift > MAX_SHIFT) {
        for (int i = 0; i < slots.length; i++) {
          if (((Entry) slots[i]).key.equals(key)) {
            return new Node(0, removed(slots, i));
          }
        }
        return this;
      }
      int bit = bit(keyHash, shift);
      int index = index(bit);
      Object slot = slots[index];
      if (slot instanceof Node child) {
        Node smaller = child.remove(key, keyHash, shift + BITS);
        if (smaller.slots.length == 1 && smaller.slots[0] instanceof Entry only) {
          // A child left with one entry folds back into this level.
          return new Node(bitmap, replaced(slots, index, only));
        }
        return new Node(bitmap, replaced(slots, index, smaller));
      }
      return new Node(bitmap & ~bit, removed(slots, index));
    }

    boolean allMatch(Predicate<Entry> test) {
      for (Object slot : slots) {
        if (slot instanceof Node child ? !child.allMatch(test) : !test.test((Entry) slot)) {
          return false;
        }
      }
      return true;
    }

    void forEach(Consumer<Entry> action) {
      for (Object slot : slots) {
        if (slot instanceof Node child) {
          child.forEach(action);
        } else {
          action.accept((Entry) slot);
        }
      }
    }

    void forEachTagged(int mask, Consumer<Entry> action) {
      if ((tags & mask) == 0) {
        return;
      }
      for (Object slot : slots) {
        if (slot instanceof Node child) {
          child.forEachTagged(mask, action);
        } else if ((((Entry) slot).tags & mask) != 0) {
          action.accept((Entry) slot);
        }
      }
    }

    /**
     * Visits this node's entries except those in slots that {@code mine} holds identically (the
     * same entry or the same subtree at the same position).
     */
    void forEachDifferent(Node mine, Consumer<Entry> action) {
      if (mine == this) {
        return;
      }
      if (bitmap == 0 || mine.bitmap == 0) {
        // A list of equal-hash entries, or a level the other map does not share: visit all.
        forEach(action);
        return;
      }
      for (int i = 0, remaining = bitmap; remaining != 0; i++) {
        int bit = Integer.lowestOneBit(remaining);
        remaining &= ~bit;
        Object slot = slots[i];
        Object theirs = (mine.bitmap & bit) == 0 ? null : mine.slots[mine.index(bit)];
        if (slot == theirs) {
          continue;
        }
        if (slot instanceof Node child) {
          if (theirs instanceof Node theirChild) {
            child.forEachDifferent(theirChild, action);
          } else {
            child.forEach(action);
          }
        } else {
          action.accept((Entry) slot);
        }
      }
    }

    private static Object[] replaced(Object[] slots, int index, Object slot) {
      Object[] copy = slots.clone();
      copy[index] = slot;
      return copy;
    }

    private static Object[] inserted(Object[] slots, int index, Object slot) {
      Object[] copy = new Object[slots.length + 1];
      System.arraycopy(slots, 0, copy, 0, index);
      copy[index] = slot;
      System.arraycopy(slots, index, copy, index + 1, slots.length - index);
      return copy;
    }

    private static Object[] removed(Object[] slots, int index) {
      Object[] copy = Arrays.copyOf(slots, slots.length - 1);
      System.arraycopy(slots, index + 1, copy, index, slots.length - index - 1);
      return copy;
    }
  }
}
