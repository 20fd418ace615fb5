/** A store for tests that says which of its methods were called. */
import type { Store } from "@/lib/store/port.ts";

/** `store`, noting the name of every method called on it in `calls`, in order. */
export function countingCalls(store: Store, calls: string[]): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return value.apply(target, args);
      };
    },
  });
}
