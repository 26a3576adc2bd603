/**
 * The class of the resource that the getter `getter` of `clientClass` makes, for an SDK whose
 * module does not export its resource classes and whose client makes each on first use
 * (`@google/genai`'s NextGen `interactions`, every resource of `@mistralai/mistralai`). The getter
 * is asked on a stand-in object of its own, which it keeps the resource on; the resource's
 * constructor stores its options (none) and makes no request. `undefined` for a class without the
 * getter, one `asks` refuses (its source, as `Function.prototype.toString` gives it, is handed to
 * it), or one that fails.
 */
export function classMadeByGetter(clientClass: unknown, getter: string, asks: (source: string) => boolean = () => true): unknown {
  const prototype = (clientClass as { prototype?: object } | undefined)?.prototype;
  const get = prototype === undefined ? undefined : Object.getOwnPropertyDescriptor(prototype, getter)?.get;
  if (get === undefined || !asks(Function.prototype.toString.call(get))) return undefined;
  try {
    const resource: unknown = Reflect.apply(get, {}, []);
    return typeof resource === 'object' && resource !== null ? Object.getPrototypeOf(resource)?.constructor : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The class up the chain of `exported` (itself first, then the classes it extends) whose own
 * prototype holds `method`: the class whose method is wrapped when the SDK exports a subclass of
 * it (`ollama`'s Node `Ollama`, which extends the browser build's; `cohere-ai`'s `CohereClient`).
 * `undefined` when no class of the chain has it.
 */
export function classOwning(exported: unknown, method: string): unknown {
  for (let candidate = exported; typeof candidate === 'function'; candidate = Object.getPrototypeOf(candidate)) {
    if (Object.hasOwn(candidate.prototype ?? {}, method)) return candidate;
  }
  return undefined;
}
