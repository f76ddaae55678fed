package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The store of the embedded CIM server: namespaces, classes and instances. Thread-safe: reads run
 * in parallel, changes one at a time, and {@link RepositoryListener}s see every change in order.
 *
 * <p>This is also the Java API for setting up data and changing it from tests and samples: changes
 * made here raise the same indications as changes made through MI operations. Unlike operations it
 * applies no access rules, and it reports problems by throwing {@link MiException} with the result
 * an operation would report.
 *
 * <p>Names of namespaces, classes and properties ignore case. Namespaces are written with {@code /}
 * ({@code root/cimv2}); {@code \} is accepted too. Two instances of classes that share their keys
 * (a class and its subclasses) are the same object when their key values are equal; string keys
 * compare ignoring case, as on Windows.
 */
public final class CimRepository {
  private static final System.Logger LOG = System.getLogger("io.miguard.mi.embedded");

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, NamespaceData> namespaces = new LinkedHashMap<>(); // guarded by lock
  private final List<RepositoryListener> listeners = new CopyOnWriteArrayList<>();
  private final Clock clock;
  private long sequence; // guarded by the write lock

  /** An empty repository (no namespaces). */
  public CimRepository() {
    this(Clock.systemUTC());
  }

  /** An empty repository whose changes are stamped with times from {@code clock}. */
  public CimRepository(Clock clock) {
    this.clock = clock;
  }

  /** A registration of a listener; closing it removes the listener. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * The canonical spelling of a namespace name: {@code /} separators, no leading or trailing one.
   */
  public static String canonicalNamespace(String name) {
    String slashed = name.replace('\\', '/');
    int start = 0;
    int end = slashed.length();
    while (start < end && slashed.charAt(start) == '/') {
      start++;
    }
    while (end > start && slashed.charAt(end - 1) == '/') {
      end--;
    }
    return slashed.substring(start, end);
  }

  // ---- namespaces ----

  /**
   * Creates a namespace, and its parents if missing, each with the system classes; a child
   * namespace is listed as a {@code __Namespace} instance in its parent. Creating an existing
   * namespace does nothing.
   *
   * @return the namespace's name as the repository spells it
   * @throws MiException INVALID_PARAMETER if the name is not {@code segment/segment/...} of
   *     letters, digits and underscores
   */
  public String createNamespace(String name) {
    return write(() -> createNamespaceLocked(checkedNamespaceName(name)).name());
  }

  /** Whether the namespace exists. */
  public boolean hasNamespace(String name) {
    return read(() -> name != null && namespaces.containsKey(key(name)));
  }

  /** Every namespace, in the order they were created. */
  public List<String> namespaces() {
    return read(() -> namespaces.values().stream().map(NamespaceData::name).toList());
  }

  private NamespaceData createNamespaceLocked(String name) {
    NamespaceData existing = namespaces.get(key(name));
    if (existing != null) {
      return existing;
    }
    int slash = name.lastIndexOf('/');
    NamespaceData parent = slash < 0 ? null : createNamespaceLocked(name.substring(0, slash));
    NamespaceData created = new NamespaceData(name);
    for (ClassDeclaration declaration : SystemClasses.declarations()) {
      ClassDef superclass = created.classDef(declaration.superclass());
      created.addClass(new ClassDef(declaration, superclass, name));
    }
    namespaces.put(key(name), created);
    if (parent != null) {
      ClassDef namespaceClass = parent.requireClass(SystemClasses.NAMESPACE, MiResult.FAILED);
      MiInstance entry =
          MiInstance.builder(namespaceClass.name())
              .namespace(parent.name())
              .key("Name", name.substring(slash + 1))
              .build();
      parent.instancesOf(namespaceClass).put(InstanceKey.of(namespaceClass, entry), entry);
      notifyListeners(RepositoryChange.Kind.CREATED, parent.name(), null, entry);
    }
    return created;
  }

  private static String checkedNamespaceName(String name) {
    String canonical = name == null ? "" : canonicalNamespace(name);
    if (canonical.isEmpty()
        || !canonical.chars().allMatch(c -> c == '/' || c == '_' || Character.isLetterOrDigit(c))
        || canonical.contains("//")) {
      throw new MiException(MiResult.INVALID_PARAMETER, "not a namespace name: '" + name + "'");
    }
    return canonical;
  }

  // ---- classes ----

  /**
   * Defines a class in a namespace.
   *
   * @return the class with its inherited members
   * @throws MiException INVALID_NAMESPACE, ALREADY_EXISTS, or INVALID_SUPERCLASS when the
   *     superclass does not exist
   */
  public MiClass defineClass(String namespace, ClassDeclaration declaration) {
    return write(
        () -> {
          NamespaceData data = namespaceLocked(namespace);
          if (data.classDef(declaration.name()) != null) {
            throw new MiException(
                MiResult.ALREADY_EXISTS,
                "class " + declaration.name() + " already exists in " + data.name());
          }
          ClassDef superclass = null;
          if (declaration.superclass() != null) {
            superclass = data.classDef(declaration.superclass());
            if (superclass == null) {
              throw new MiException(
                  MiResult.INVALID_SUPERCLASS,
                  "superclass "
                      + declaration.superclass()
                      + " of "
                      + declaration.name()
                      + " does not exist in "
                      + data.name());
            }
          }
          ClassDef def = new ClassDef(declaration, superclass, data.name());
          data.addClass(def);
          return def.toMiClass(false);
        });
  }

  /**
   * A class with its inherited members.
   *
   * @throws MiException INVALID_NAMESPACE, or NOT_FOUND if there is no such class
   */
  public MiClass getCimClass(String namespace, String className) {
    return read(
        namespace, data -> data.requireClass(className, MiResult.NOT_FOUND).toMiClass(false));
  }

  /**
   * The classes of a namespace: all of them when {@code className} is null, else that class and its
   * subclasses, deep; each class before its subclasses.
   *
   * @param namesOnly leave out properties and methods
   * @throws MiException INVALID_NAMESPACE, or INVALID_CLASS if {@code className} does not exist
   */
  public List<MiClass> classes(String namespace, @Nullable String className, boolean namesOnly) {
    return read(
        namespace,
        data -> {
          Iterable<ClassDef> defs =
              className == null
                  ? data.classes()
                  : data.hierarchy(data.requireClass(className, MiResult.INVALID_CLASS));
          List<MiClass> result = new ArrayList<>();
          defs.forEach(def -> result.add(def.toMiClass(namesOnly)));
          return result;
        });
  }

  /** Whether {@code className} is {@code ancestor} or one of its subclasses in the namespace. */
  public boolean isA(String namespace, String className, String ancestor) {
    return read(namespace, data -> data.isA(className, ancestor));
  }

  // ---- instances ----

  /**
   * Creates an instance. Properties not given are null. Creating a {@code __Namespace} instance
   * creates the child namespace it names.
   *
   * @return the stored instance
   * @throws MiException INVALID_NAMESPACE, INVALID_CLASS, NO_SUCH_PROPERTY, TYPE_MISMATCH,
   *     INVALID_PARAMETER (a key is missing), ALREADY_EXISTS, NOT_SUPPORTED (other system classes)
   */
  public MiInstance create(String namespace, MiInstance instance) {
    return write(
        () -> {
          NamespaceData data = namespaceLocked(namespace);
          ClassDef def = data.requireClass(instance.className(), MiResult.INVALID_CLASS);
          InstanceShaper shaper = new InstanceShaper(data);
          MiInstance shaped = shaper.shapeNew(def, instance);
          if (def.name().equalsIgnoreCase(SystemClasses.NAMESPACE)) {
            return createChildNamespace(data, shaped);
          }
          refuseSystemClass(def, "created");
          ClassDef root = def.keyRoot();
          if (data.find(root, InstanceKey.of(root, shaped)) != null) {
            throw new MiException(
                MiResult.ALREADY_EXISTS, "an instance with these keys already exists: " + shaped);
          }
          data.instancesOf(def).put(InstanceKey.of(def, shaped), shaped);
          notifyListeners(RepositoryChange.Kind.CREATED, data.name(), null, shaped);
          return shaped;
        });
  }

  private MiInstance createChildNamespace(NamespaceData parent, MiInstance entry) {
    String child = parent.name() + "/" + entry.get("Name");
    if (namespaces.containsKey(key(child))) {
      throw new MiException(MiResult.ALREADY_EXISTS, "namespace " + child + " already exists");
    }
    createNamespaceLocked(checkedNamespaceName(child));
    return entry;
  }

  /**
   * Changes the non-key properties {@code instance} carries (others keep their values); raises a
   * modification only if a value changed.
   *
   * @return the stored instance after the change
   * @throws MiException INVALID_NAMESPACE, INVALID_CLASS, INVALID_PARAMETER (a key is missing),
   *     NOT_FOUND, NO_SUCH_PROPERTY, TYPE_MISMATCH, NOT_SUPPORTED (system classes)
   */
  public MiInstance modify(String namespace, MiInstance instance) {
    return write(
        () -> {
          NamespaceData data = namespaceLocked(namespace);
          NamespaceData.Located located = locate(data, instance);
          refuseSystemClass(located.def(), "modified");
          MiInstance updated =
              new InstanceShaper(data).shapeModified(located.def(), located.instance(), instance);
          if (!updated.equals(located.instance())) {
            data.instancesOf(located.def()).put(located.key(), updated);
            notifyListeners(
                RepositoryChange.Kind.MODIFIED, data.name(), located.instance(), updated);
          }
          return updated;
        });
  }

  /**
   * Deletes the instance {@code keys} names.
   *
   * @return the deleted instance
   * @throws MiException INVALID_NAMESPACE, INVALID_CLASS, INVALID_PARAMETER, NOT_FOUND,
   *     NOT_SUPPORTED (system classes)
   */
  public MiInstance delete(String namespace, MiInstance keys) {
    return write(
        () -> {
          NamespaceData data = namespaceLocked(namespace);
          NamespaceData.Located located = locate(data, keys);
          refuseSystemClass(located.def(), "deleted");
          data.instancesOf(located.def()).remove(located.key());
          notifyListeners(RepositoryChange.Kind.DELETED, data.name(), located.instance(), null);
          return located.instance();
        });
  }

  /**
   * The instance {@code keys} names: its class or a subclass of it with the same key values.
   *
   * @throws MiException INVALID_NAMESPACE, INVALID_CLASS, INVALID_PARAMETER (a key is missing),
   *     NOT_FOUND
   */
  public MiInstance get(String namespace, MiInstance keys) {
    return read(namespace, data -> locate(data, keys).instance());
  }

  /** Like {@link #get}, but empty instead of NOT_FOUND. */
  public Optional<MiInstance> find(String namespace, MiInstance keys) {
    return read(
        namespace,
        data -> {
          ClassDef def = data.requireClass(keys.className(), MiResult.INVALID_CLASS);
          NamespaceData.Located located = data.find(def, new InstanceShaper(data).keyOf(def, keys));
          return Optional.ofNullable(located == null ? null : located.instance());
        });
  }

  /**
   * The instances of a class and its subclasses, deep, each class's in creation order.
   *
   * @throws MiException INVALID_NAMESPACE, INVALID_CLASS
   */
  public List<MiInstance> enumerate(String namespace, String className) {
    return read(
        namespace, data -> data.enumerate(data.requireClass(className, MiResult.INVALID_CLASS)));
  }

  /**
   * The instances associated with {@code source} (CIM's Associators).
   *
   * @param associationClass only through associations of this class or its subclasses, or null
   * @param resultClass only results of this class or its subclasses, or null
   * @param role only where {@code source} is referred to by this property, or null
   * @param resultRole only results referred to by this property, or null
   * @throws MiException INVALID_NAMESPACE, INVALID_CLASS (source class or a filter class does not
   *     exist), NOT_FOUND (no such source), INVALID_PARAMETER (a key of the source is missing)
   */
  public List<MiInstance> associators(
      String namespace,
      MiInstance source,
      @Nullable String associationClass,
      @Nullable String resultClass,
      @Nullable String role,
      @Nullable String resultRole) {
    return read(
        namespace,
        data ->
            new Associations(data)
                .associators(source, associationClass, resultClass, role, resultRole));
  }

  /**
   * The associations that refer to {@code source} (CIM's References).
   *
   * @param resultClass only associations of this class or its subclasses, or null
   * @param role only where {@code source} is referred to by this property, or null
   * @throws MiException as {@link #associators}
   */
  public List<MiInstance> references(
      String namespace, MiInstance source, @Nullable String resultClass, @Nullable String role) {
    return read(namespace, data -> new Associations(data).references(source, resultClass, role));
  }

  // ---- listeners ----

  /** Adds a listener told of every later change; close the registration to remove it. */
  public Registration addListener(RepositoryListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void notifyListeners(
      RepositoryChange.Kind kind,
      String namespace,
      @Nullable MiInstance previous,
      @Nullable MiInstance current) {
    RepositoryChange change =
        new RepositoryChange(kind, namespace, previous, current, ++sequence, clock.instant());
    for (RepositoryListener listener : listeners) {
      try {
        listener.changed(change);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a repository listener failed on " + change, e);
      }
    }
  }

  // ---- locking ----

  /** Runs {@code action} on a namespace under the read lock. */
  <T> T read(String namespace, Function<NamespaceData, T> action) {
    return read(() -> action.apply(namespaceLocked(namespace)));
  }

  private <T> T read(java.util.function.Supplier<T> action) {
    return locked(lock.readLock(), action);
  }

  private <T> T write(java.util.function.Supplier<T> action) {
    return locked(lock.writeLock(), action);
  }

  private static <T> T locked(Lock held, java.util.function.Supplier<T> action) {
    held.lock();
    try {
      return action.get();
    } finally {
      held.unlock();
    }
  }

  private NamespaceData namespaceLocked(String namespace) {
    NamespaceData data = namespace == null ? null : namespaces.get(key(namespace));
    if (data == null) {
      throw noSuchNamespace(namespace);
    }
    return data;
  }

  /**
   * The INVALID_NAMESPACE failure for a namespace name that names no namespace: missing, empty, or
   * unknown, each said in words.
   */
  static MiException noSuchNamespace(@Nullable String namespace) {
    String message;
    if (namespace == null) {
      message = "no namespace given";
    } else if (namespace.isBlank()) {
      message = "the namespace name is empty; name one, such as root/cimv2";
    } else {
      message = "namespace " + namespace + " does not exist";
    }
    return new MiException(MiResult.INVALID_NAMESPACE, message);
  }

  private static NamespaceData.Located locate(NamespaceData data, MiInstance keys) {
    ClassDef def = data.requireClass(keys.className(), MiResult.INVALID_CLASS);
    NamespaceData.Located located = data.find(def, new InstanceShaper(data).keyOf(def, keys));
    if (located == null) {
      throw new MiException(
          MiResult.NOT_FOUND, "no instance " + keysText(def, keys) + " in " + data.name());
    }
    return located;
  }

  private static String keysText(ClassDef def, MiInstance keys) {
    StringBuilder text = new StringBuilder(def.name());
    String separator = ".";
    for (String key : def.keyNames()) {
      text.append(separator).append(key).append('=');
      Object value = PropertyAccess.get(keys, key);
      text.append(value instanceof String ? "\"" + value + "\"" : value);
      separator = ",";
    }
    return text.toString();
  }

  private static void refuseSystemClass(ClassDef def, String verb) {
    if (SystemClasses.isSystem(def.name())) {
      throw new MiException(
          MiResult.NOT_SUPPORTED, "instances of system class " + def.name() + " cannot be " + verb);
    }
  }

  private static String key(String namespace) {
    return ClassDef.lower(canonicalNamespace(namespace));
  }
}
