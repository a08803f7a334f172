/**
 * The entry `name` of a registry the page fills (`tether.hooks`, `tether.islands`): own keys
 * only, so an attribute naming `constructor` or `__proto__` finds nothing. Logs `missing`, with
 * the element, when there is none.
 */
export function lookUp<T>(registry: Record<string, T> | undefined, name: string, missing: string, el: Element): T | undefined {
  const found = registry !== undefined && Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (found === undefined) console.error(`[tether] ${missing}`, el);
  return found;
}
