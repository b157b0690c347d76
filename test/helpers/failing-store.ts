/** A store whose every call fails, as when Firestore is unreachable (fault injection for degraded-mode tests). */
import { createMemoryStore } from "../../src/store/memory.js";
import type { Store } from "../../src/store/port.js";

/** A store whose every call fails, as when Firestore is unreachable. */
export function failingStore(): Store {
  const real = createMemoryStore();
  return new Proxy(real, {
    get(target, prop, recv) {
      if (prop === "kind") return "broken";
      if (prop === "close") return () => Promise.resolve();
      const v = Reflect.get(target, prop, recv);
      return typeof v === "function" ? () => Promise.reject(new Error("store down")) : v;
    },
  });
}
