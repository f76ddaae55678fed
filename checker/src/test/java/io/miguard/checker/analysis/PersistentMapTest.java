package io.miguard.checker.analysis;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PersistentMap} against a {@link HashMap} model, over seeded random updates, removals and
 * joins, with keys whose hashes collide in every bit (the trie's deepest level) as well as ordinary
 * ones.
 */
class PersistentMapTest {
  /** A key whose hash the test chooses. */
  record Key(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static Key key(Random random) {
    int id = random.nextInt(300);
    // A third of the keys share one of four hashes; the rest hash apart (mostly).
    int hash = id % 3 == 0 ? id % 4 : id * 0x9E3779B9;
    return new Key(id, hash);
  }

  @Test
  void updatesAndRemovalsMatchAHashMap() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      Map<Key, Integer> model = new HashMap<>();
      PersistentMap<Key, Integer> map = PersistentMap.empty();
      for (int step = 0; step < 400; step++) {
        Key key = key(random);
        PersistentMap<Key, Integer> before = map;
        Map<Key, Integer> modelBefore = new HashMap<>(model);
        if (random.nextInt(3) == 0) {
          model.remove(key);
          map = map.without(key);
        } else {
          int value = random.nextInt(5);
          model.put(key, value);
          map = map.with(key, value);
        }
        assertThat(map.toMap()).isEqualTo(model);
        assertThat(map.size()).isEqualTo(model.size());
        // The old version is untouched.
        assertThat(before.toMap()).isEqualTo(modelBefore);
        assertThat(map.equals(PersistentMap.copyOf(model))).isTrue();
        assertThat(map.hashCode()).isEqualTo(PersistentMap.copyOf(model).hashCode());
      }
    }
  }

  @Test
  void anUpdateThatChangesNothingReturnsTheSameMap() {
    PersistentMap<Key, Integer> map = PersistentMap.<Key, Integer>empty().with(new Key(1, 1), 10);

    assertThat(map.with(new Key(1, 1), 10)).isSameInstanceAs(map);
    assertThat(map.without(new Key(2, 1))).isSameInstanceAs(map);
  }

  @Test
  void joinIsThePointwiseJoinOfTheModel() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      PersistentMap<Key, Integer> common = PersistentMap.empty();
      for (int i = 0; i < random.nextInt(200); i++) {
        common = common.with(key(random), random.nextInt(5));
      }
      // Two maps derived from one, as the stores on two branches are: they share subtrees.
      PersistentMap<Key, Integer> mine = mutate(common, random);
      PersistentMap<Key, Integer> theirs = mutate(common, random);

      // An idempotent join whose result may be one the maps never hold, dropped as a local
      // joined to TOP is.
      PersistentMap<Key, Integer> joined = mine.join(theirs, PersistentMapTest::join, DROPPED);

      Map<Key, Integer> expected = new HashMap<>(mine.toMap());
      theirs.forEach(
          (key, value) -> {
            Integer own = expected.get(key);
            expected.put(key, own == null ? value : join(own, value));
          });
      expected.values().removeIf(DROPPED);
      assertThat(joined.toMap()).isEqualTo(expected);
    }
  }

  @Test
  void joiningAMapWithItselfOrASubsetIsTheSameMap() {
    Random random = new Random(3);
    PersistentMap<Key, Integer> map = PersistentMap.empty();
    for (int i = 0; i < 100; i++) {
      map = map.with(key(random), random.nextInt(5));
    }

    assertThat(map.join(map, Math::max, value -> false)).isSameInstanceAs(map);
    assertThat(map.join(PersistentMap.empty(), Math::max, value -> false)).isSameInstanceAs(map);
  }

  /** A value with tags: bit 0 when its number is even, bit 1 when it is a multiple of 3. */
  record Tagged(int number) implements PersistentMap.Tagged {
    @Override
    public int tags() {
      return (number % 2 == 0 ? 1 : 0) | (number % 3 == 0 ? 2 : 0);
    }
  }

  @Test
  void aTaggedVisitSeesExactlyTheValuesWithThoseTagsInIterationOrder() {
    Random random = new Random(11);
    for (int round = 0; round < 50; round++) {
      PersistentMap<Key, Tagged> map = PersistentMap.empty();
      for (int step = 0; step < 300; step++) {
        Key key = key(random);
        map =
            random.nextInt(4) == 0
                ? map.without(key)
                : map.with(key, new Tagged(random.nextInt(40)));
        for (int mask = 0; mask <= 3; mask++) {
          int wanted = mask;
          List<Key> expected = new ArrayList<>();
          map.forEach(
              (k, value) -> {
                if ((value.tags() & wanted) != 0) {
                  expected.add(k);
                }
              });
          List<Key> visited = new ArrayList<>();
          map.forEachTagged(mask, (k, value) -> visited.add(k));
          assertThat(visited).containsExactlyElementsIn(expected).inOrder();
        }
      }
    }
  }

  /** Idempotent; values 0 to 4 join to themselves or to 11 to 17. */
  private static int join(int a, int b) {
    return a == b ? a : a + b + 10;
  }

  private static final java.util.function.Predicate<Integer> DROPPED = value -> value > 15;

  private static PersistentMap<Key, Integer> mutate(
      PersistentMap<Key, Integer> map, Random random) {
    for (int i = 0; i < random.nextInt(20); i++) {
      Key key = key(random);
      map = random.nextBoolean() ? map.with(key, random.nextInt(5)) : map.without(key);
    }
    return map;
  }
}
