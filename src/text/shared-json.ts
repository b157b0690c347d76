/**
 * JSON for the Messaging API, with the parts every resident shares written once. A result
 * carousel is mostly program bubbles built once per program and text size and shared between
 * answers (replies/flex/program-bubble.ts); serialising the ~12 KB reply again for every
 * question was a tenth of the bot's CPU per event (docs/benchmarks.md, issue 14 fourth session).
 * A part marked with `shareJson` is deep-frozen, so the JSON kept for it can never go stale.
 *
 * `toJsonBytes(v)` is byte-for-byte `Buffer.from(JSON.stringify(v))` for the plain data replies
 * are made of (objects, arrays, strings, numbers, booleans, null; undefined members dropped as
 * JSON does); anything else (a Date, a class instance, an object with `toJSON`) is handed to
 * `JSON.stringify` whole.
 */

/** Shared parts → their JSON as UTF-8 bytes, written on first use (undefined until then). */
const shared = new WeakMap<object, Buffer | undefined>();

function deepFreeze(value: unknown): void {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
}

/**
 * Deep-freezes `value` and marks it as shared: `toJsonBytes` writes its JSON once and reuses it.
 * A caller that tried to change it afterwards would throw (strict mode), not alter the next answer.
 */
export function shareJson<T extends object>(value: T): T {
  deepFreeze(value);
  if (!shared.has(value)) shared.set(value, undefined);
  return value;
}

/** Whether `value` was marked by `shareJson` (tests). */
export function isSharedJson(value: unknown): boolean {
  return typeof value === "object" && value !== null && shared.has(value);
}

/** Objects JSON.stringify treats specially (toJSON, boxed primitives, class instances) are left to it. */
function isPlain(o: object): boolean {
  if (typeof (o as { toJSON?: unknown }).toJSON === "function") return false;
  const proto = Object.getPrototypeOf(o) as unknown;
  return proto === Object.prototype || proto === null || proto === Array.prototype;
}

/**
 * Collects the JSON of a value as text and, for shared parts, their kept bytes: encoding the
 * text to UTF-8 cost as much as writing it, so a shared part is kept as bytes, not as a string.
 */
class JsonWriter {
  private readonly chunks: Buffer[] = [];
  private text = "";

  /** Writes `value`; false (nothing written) where JSON.stringify gives undefined. */
  value(value: unknown): boolean {
    if (typeof value !== "object" || value === null || !isPlain(value)) {
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) return false;
      this.text += json;
      return true;
    }
    if (shared.has(value)) {
      let bytes = shared.get(value);
      if (bytes === undefined) shared.set(value, (bytes = Buffer.from(JSON.stringify(value), "utf8")));
      if (this.text) this.chunks.push(Buffer.from(this.text, "utf8"));
      this.text = "";
      this.chunks.push(bytes);
      return true;
    }
    if (Array.isArray(value)) {
      // An array of primitives (a multicast's 500 user ids) holds no shared part: one
      // JSON.stringify call, not one per element (a tenth of the sender's CPU for 200 requests).
      if (value.every((v: unknown) => typeof v !== "object" || v === null)) {
        this.text += JSON.stringify(value);
        return true;
      }
      this.text += "[";
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.text += ",";
        if (!this.value(value[i])) this.text += "null";
      }
      this.text += "]";
      return true;
    }
    this.text += "{";
    let first = true;
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      // Members JSON leaves out are known before the key is written.
      if (typeof member === "object" && member !== null && isPlain(member)) {
        this.text += `${first ? "" : ","}${JSON.stringify(key)}:`;
        this.value(member);
      } else {
        const json = JSON.stringify(member) as string | undefined;
        if (json === undefined) continue;
        this.text += `${first ? "" : ","}${JSON.stringify(key)}:${json}`;
      }
      first = false;
    }
    this.text += "}";
    return true;
  }

  bytes(): Buffer {
    if (this.text) this.chunks.push(Buffer.from(this.text, "utf8"));
    this.text = "";
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
  }
}

/** `Buffer.from(JSON.stringify(value))`, reusing the JSON of shared parts (see the module comment). */
export function toJsonBytes(value: unknown): Buffer {
  const writer = new JsonWriter();
  if (!writer.value(value)) throw new TypeError("toJsonBytes: the value has no JSON form");
  return writer.bytes();
}
