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
 * `JSON.stringify` whole. `toJsonPieces(v)` is the same bytes in pieces, as the LINE client sends them.
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

/** `"key":` of member names seen before: replies use a few dozen names. Bounded. */
const keys = new Map<string, string>();
function keyJson(key: string): string {
  let json = keys.get(key);
  if (json === undefined) {
    json = `${JSON.stringify(key)}:`;
    if (keys.size < 1024) keys.set(key, json);
  }
  return json;
}

/**
 * JSON.stringify of a string: quoted as it is when it holds nothing JSON escapes (no quote,
 * backslash, control character or surrogate — a pair is written as it is, a lone one escaped,
 * so any is left to JSON.stringify), which most reply texts are.
 */
function stringJson(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(v);
  }
  return `"${v}"`;
}

/** JSON.stringify of a member that is no plain object or array, without the call for the common kinds. */
function primitiveJson(v: unknown): string | undefined {
  if (typeof v === "string") return stringJson(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return JSON.stringify(v);
}

/**
 * Collects the JSON of a value as text and, for shared parts, their kept bytes: encoding the
 * text to UTF-8 cost as much as writing it, so a shared part is kept as bytes, not as a string.
 */
class JsonWriter {
  /** Text runs and shared parts' bytes, in order: written into one buffer at the end. */
  private readonly chunks: (string | Buffer)[] = [];
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
      if (this.text) this.chunks.push(this.text);
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
    let open = "{";
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      // Members JSON leaves out are known before the key is written.
      if (typeof member === "object" && member !== null && isPlain(member)) {
        this.text += open + keyJson(key);
        this.value(member);
      } else {
        const json = primitiveJson(member);
        if (json === undefined) continue;
        this.text += open + keyJson(key) + json;
      }
      open = ",";
    }
    this.text += open === "{" ? "{}" : "}";
    return true;
  }

  /**
   * The JSON as UTF-8 in pieces, in order: each text run encoded (small ones share Node's buffer
   * pool) and each shared part's kept bytes as they are. Not copied into one buffer: the LINE
   * client writes the pieces in one system call, and a ~12 KB buffer per reply (allocated outside
   * V8's heap, copied into, freed by the GC) was most of this writer's cost.
   */
  pieces(): Buffer[] {
    const { chunks } = this;
    if (this.text) chunks.push(this.text);
    this.text = "";
    const out: Buffer[] = new Array<Buffer>(chunks.length);
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i]!;
      out[i] = typeof c === "string" ? Buffer.from(c, "utf8") : c;
    }
    return out;
  }
}

/**
 * The pieces of `Buffer.from(JSON.stringify(value))`, in order, reusing the JSON of shared parts
 * (see the module comment): what the LINE client sends, without joining them first.
 */
export function toJsonPieces(value: unknown): Buffer[] {
  const writer = new JsonWriter();
  if (!writer.value(value)) throw new TypeError("toJsonBytes: the value has no JSON form");
  return writer.pieces();
}

/** `Buffer.from(JSON.stringify(value))`, reusing the JSON of shared parts (see the module comment). */
export function toJsonBytes(value: unknown): Buffer {
  const pieces = toJsonPieces(value);
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
}
