package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The repository's Java API: namespaces, classes with inheritance, keyed instances, listeners. */
class CimRepositoryTest {
  private static final String NS = "root/test";
  private final CimRepository repository = new CimRepository();

  @BeforeEach
  void defineAnimals() {
    repository.createNamespace(NS);
    repository.defineClass(
        NS,
        ClassDeclaration.builder("Animal").key("Id", "uint32").property("Name", "string").build());
    repository.defineClass(
        NS,
        ClassDeclaration.builder("Dog").superclass("Animal").property("Breed", "string").build());
    repository.defineClass(
        NS,
        ClassDeclaration.builder("Puppy").superclass("Dog").property("AgeWeeks", "uint8").build());
    repository.defineClass(
        NS,
        ClassDeclaration.builder("Cat").superclass("Animal").property("Indoor", "boolean").build());
  }

  private static MiResult resultOf(Executable action) {
    return assertThrows(MiException.class, action).result();
  }

  private static MiInstance animal(String className, long id, String name) {
    return MiInstance.builder(className).key("Id", id).property("Name", name).build();
  }

  @Test
  void namespacesCreateParentsAndAreListedInThem() {
    repository.createNamespace("root\\a\\b");
    assertThat(repository.namespaces()).containsExactly("root", NS, "root/a", "root/a/b").inOrder();
    assertThat(repository.hasNamespace("ROOT/A/B")).isTrue();
    assertThat(repository.enumerate("root", "__Namespace").stream().map(i -> i.get("Name")))
        .containsExactly("test", "a");
    assertThat(repository.enumerate("root/a", "__Namespace").stream().map(i -> i.get("Name")))
        .containsExactly("b");
    assertThat(resultOf(() -> repository.createNamespace("root//x")))
        .isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(resultOf(() -> repository.enumerate("root/none", "Animal")))
        .isEqualTo(MiResult.INVALID_NAMESPACE);
  }

  @Test
  void creatingANamespaceInstanceCreatesTheNamespace() {
    repository.create(NS, MiInstance.builder("__Namespace").key("Name", "child").build());
    assertThat(repository.hasNamespace("root/test/child")).isTrue();
    assertThat(
            resultOf(
                () ->
                    repository.create(
                        NS, MiInstance.builder("__NAMESPACE").key("Name", "Child").build())))
        .isEqualTo(MiResult.ALREADY_EXISTS);
  }

  @Test
  void classesInheritPropertiesKeysAndMethods() {
    repository.defineClass(
        NS,
        ClassDeclaration.builder("Kennel")
            .key("Id", "uint32")
            .method("Clean", "uint32", ClassDeclaration.in("Thoroughly", "boolean"))
            .build());
    repository.defineClass(NS, ClassDeclaration.builder("BigKennel").superclass("Kennel").build());
    MiClass puppy = repository.getCimClass(NS, "puppy");
    assertThat(puppy.className()).isEqualTo("Puppy");
    assertThat(puppy.superClassName()).isEqualTo("Dog");
    assertThat(puppy.namespace()).isEqualTo(NS);
    assertThat(puppy.properties())
        .containsExactly(
            new MiClass.Property("Id", "uint32", true),
            new MiClass.Property("Name", "string", false),
            new MiClass.Property("Breed", "string", false),
            new MiClass.Property("AgeWeeks", "uint8", false))
        .inOrder();
    assertThat(repository.getCimClass(NS, "BigKennel").methods().get(0).name()).isEqualTo("Clean");
  }

  @Test
  void overridingKeepsThePositionAndMayChangeKeyness() {
    repository.defineClass(
        NS,
        ClassDeclaration.builder("NamedAnimal").superclass("Animal").key("Name", "string").build());
    assertThat(repository.getCimClass(NS, "NamedAnimal").properties())
        .containsExactly(
            new MiClass.Property("Id", "uint32", true),
            new MiClass.Property("Name", "string", true))
        .inOrder();
  }

  @Test
  void classErrors() {
    assertThat(resultOf(() -> repository.defineClass(NS, ClassDeclaration.builder("dog").build())))
        .isEqualTo(MiResult.ALREADY_EXISTS);
    assertThat(
            resultOf(
                () ->
                    repository.defineClass(
                        NS, ClassDeclaration.builder("Bird").superclass("Dinosaur").build())))
        .isEqualTo(MiResult.INVALID_SUPERCLASS);
    assertThat(resultOf(() -> repository.getCimClass(NS, "Bird"))).isEqualTo(MiResult.NOT_FOUND);
    assertThat(resultOf(() -> repository.classes(NS, "Bird", false)))
        .isEqualTo(MiResult.INVALID_CLASS);
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassDeclaration.builder("Bird").property("Wings", "wing"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassDeclaration.builder("Bird").property("a", "string").property("A", "string"));
    assertThrows(IllegalArgumentException.class, () -> ClassDeclaration.builder("no spaces"));
  }

  @Test
  void classesOfAHierarchyListEachClassBeforeItsSubclasses() {
    assertThat(repository.classes(NS, "Animal", true).stream().map(MiClass::className))
        .containsExactly("Animal", "Dog", "Puppy", "Cat")
        .inOrder();
    assertThat(repository.classes(NS, "Dog", true).get(0).properties()).isEmpty();
    assertThat(repository.classes(NS, null, false).stream().map(MiClass::className))
        .containsAtLeast("__Namespace", "__InstanceCreationEvent", "Animal", "Cat");
  }

  @Test
  void createFillsEveryDeclaredPropertyUnderItsDeclaredName() {
    MiInstance created =
        repository.create(
            NS, MiInstance.builder("puppy").property("id", 7).property("BREED", "Beagle").build());
    assertThat(created.className()).isEqualTo("Puppy");
    assertThat(created.namespace()).isEqualTo(NS);
    assertThat(created.keyNames()).containsExactly("Id");
    assertThat(created.properties().keySet())
        .containsExactly("Id", "Name", "Breed", "AgeWeeks")
        .inOrder();
    assertThat(created.get("Id")).isEqualTo(7L);
    assertThat(created.get("Breed")).isEqualTo("Beagle");
    assertThat(created.has("Name")).isTrue();
    assertThat(created.get("Name")).isNull();
  }

  @Test
  void createErrors() {
    repository.create(NS, animal("Dog", 1, "Rex"));
    assertThat(resultOf(() -> repository.create(NS, animal("Dog", 1, "Other"))))
        .isEqualTo(MiResult.ALREADY_EXISTS);
    // A sibling class shares the key space: Cat 1 would be the same Animal as Dog 1.
    assertThat(resultOf(() -> repository.create(NS, animal("Cat", 1, "Tom"))))
        .isEqualTo(MiResult.ALREADY_EXISTS);
    assertThat(
            resultOf(
                () ->
                    repository.create(NS, MiInstance.builder("Dog").property("Name", "x").build())))
        .isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(
            resultOf(
                () ->
                    repository.create(
                        NS, animal("Dog", 2, "Rex").toBuilder().property("Wings", 2).build())))
        .isEqualTo(MiResult.NO_SUCH_PROPERTY);
    assertThat(resultOf(() -> repository.create(NS, animal("Bird", 2, "Tweety"))))
        .isEqualTo(MiResult.INVALID_CLASS);
    assertThat(
            resultOf(
                () -> repository.create(NS, MiInstance.builder("Dog").key("Id", "two").build())))
        .isEqualTo(MiResult.TYPE_MISMATCH);
    assertThat(
            resultOf(
                () ->
                    repository.create(
                        NS,
                        animal("Puppy", 3, "Tiny").toBuilder().property("AgeWeeks", 300).build())))
        .isEqualTo(MiResult.TYPE_MISMATCH);
    assertThat(
            resultOf(
                () -> repository.create(NS, MiInstance.builder("__InstanceCreationEvent").build())))
        .isEqualTo(MiResult.NOT_SUPPORTED);
  }

  @Test
  void getFindsSubclassInstancesByKeysIgnoringStringCase() {
    repository.defineClass(
        NS, ClassDeclaration.builder("Tag").key("Label", "string").property("N", "uint32").build());
    repository.create(NS, MiInstance.builder("Tag").key("Label", "Red").property("N", 1).build());
    repository.create(NS, animal("Puppy", 5, "Bit"));
    assertThat(repository.get(NS, Requests.keys("Animal", "Id", 5L)).className())
        .isEqualTo("Puppy");
    assertThat(repository.get(NS, Requests.keys("Dog", "ID", 5L)).get("Name")).isEqualTo("Bit");
    assertThat(repository.get(NS, Requests.keys("Tag", "Label", "RED")).get("N")).isEqualTo(1L);
    assertThat(resultOf(() -> repository.get(NS, Requests.keys("Cat", "Id", 5L))))
        .isEqualTo(MiResult.NOT_FOUND);
    assertThat(repository.find(NS, Requests.keys("Animal", "Id", 6L))).isEmpty();
    assertThat(resultOf(() -> repository.get(NS, MiInstance.builder("Animal").build())))
        .isEqualTo(MiResult.INVALID_PARAMETER);
  }

  @Test
  void enumerateIsDeepInClassOrder() {
    repository.create(NS, animal("Cat", 1, "Tom"));
    repository.create(NS, animal("Puppy", 2, "Bit"));
    repository.create(NS, animal("Dog", 3, "Rex"));
    repository.create(NS, animal("Animal", 4, "Generic"));
    assertThat(repository.enumerate(NS, "Animal").stream().map(i -> i.get("Name")))
        .containsExactly("Generic", "Rex", "Bit", "Tom")
        .inOrder();
    assertThat(repository.enumerate(NS, "dog").stream().map(i -> i.get("Name")))
        .containsExactly("Rex", "Bit")
        .inOrder();
    assertThat(repository.enumerate(NS, "Puppy")).hasSize(1);
  }

  @Test
  void modifyChangesOnlyGivenPropertiesOfTheStoredClass() {
    repository.create(NS, animal("Puppy", 2, "Bit").toBuilder().property("Breed", "Pug").build());
    MiInstance modified =
        repository.modify(
            NS, MiInstance.builder("Animal").key("Id", 2).property("Name", "Byte").build());
    assertThat(modified.className()).isEqualTo("Puppy");
    assertThat(modified.get("Name")).isEqualTo("Byte");
    assertThat(modified.get("Breed")).isEqualTo("Pug");
    // Through the base class, properties of the stored subclass are still declared.
    repository.modify(
        NS, MiInstance.builder("Animal").key("Id", 2).property("AgeWeeks", 9).build());
    assertThat(repository.get(NS, Requests.keys("Puppy", "Id", 2L)).get("AgeWeeks")).isEqualTo(9L);
    assertThat(
            resultOf(
                () ->
                    repository.modify(
                        NS,
                        MiInstance.builder("Dog").key("Id", 2).property("Indoor", true).build())))
        .isEqualTo(MiResult.NO_SUCH_PROPERTY);
    assertThat(
            resultOf(() -> repository.modify(NS, MiInstance.builder("Dog").key("Id", 99).build())))
        .isEqualTo(MiResult.NOT_FOUND);
  }

  @Test
  void deleteRemovesAndReportsNotFoundAfterwards() {
    repository.create(NS, animal("Dog", 3, "Rex"));
    assertThat(repository.delete(NS, Requests.keys("Animal", "Id", 3L)).get("Name"))
        .isEqualTo("Rex");
    assertThat(repository.enumerate(NS, "Animal")).isEmpty();
    assertThat(resultOf(() -> repository.delete(NS, Requests.keys("Dog", "Id", 3L))))
        .isEqualTo(MiResult.NOT_FOUND);
  }

  @Test
  void listenersSeeEveryChangeInOrderWithPreviousAndCurrent() {
    List<RepositoryChange> changes = new ArrayList<>();
    CimRepository.Registration registration = repository.addListener(changes::add);
    repository.create(NS, animal("Dog", 1, "Rex"));
    repository.modify(NS, animal("Dog", 1, "Max"));
    repository.modify(NS, animal("Dog", 1, "Max")); // no change: no modification
    repository.delete(NS, Requests.keys("Dog", "Id", 1L));
    registration.close();
    repository.create(NS, animal("Dog", 2, "Unseen"));

    assertThat(changes.stream().map(RepositoryChange::kind))
        .containsExactly(
            RepositoryChange.Kind.CREATED,
            RepositoryChange.Kind.MODIFIED,
            RepositoryChange.Kind.DELETED)
        .inOrder();
    assertThat(changes.get(0).previous()).isNull();
    assertThat(changes.get(0).current().get("Name")).isEqualTo("Rex");
    assertThat(changes.get(1).previous().get("Name")).isEqualTo("Rex");
    assertThat(changes.get(1).current().get("Name")).isEqualTo("Max");
    assertThat(changes.get(2).current()).isNull();
    assertThat(changes.get(2).target().get("Name")).isEqualTo("Max");
    assertThat(changes.get(1).sequence()).isEqualTo(changes.get(0).sequence() + 1);
    assertThat(changes.get(2).namespace()).isEqualTo(NS);
  }

  @Test
  void aFailingListenerDoesNotStopTheChangeOrOtherListeners() {
    List<RepositoryChange> seen = new ArrayList<>();
    repository.addListener(
        change -> {
          throw new IllegalStateException("listener bug");
        });
    repository.addListener(seen::add);
    repository.create(NS, animal("Dog", 1, "Rex"));
    assertThat(seen).hasSize(1);
    assertThat(repository.enumerate(NS, "Dog")).hasSize(1);
  }
}
