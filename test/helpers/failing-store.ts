/** A store whose every call fails, as when Firestore is unreachable (fault injection for degraded-mode tests). */
import { createEmbeddedStore } from "../../src/store/embedded/index.js";
import type { Store } from "../../src/store/port.js";

/** A store whose every call fails, as when Firestore is unreachable. */
export function failingStore(): Store {
  const real = createEmbeddedStore();
  return new Proxy(real, {
    get(target, prop, recv) {
      if (prop === "kind") return "broken";
      if (prop === "close") return () => Promise.resolve();
      const v: unknown = Reflect.get(target, prop, recv);
      return typeof v === "function" ? () => Promise.reject(new Error("store down")) : v;
    },
  });
}
