/**
 * The lock file that orders processes sharing one embedded store file (the server and every CLI
 * command). Created with O_EXCL; a lock left by a crashed process is broken.
 */
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  statSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function isErrno(e: unknown, code: string): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === code;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return !isErrno(e, "ESRCH");
  }
}

/**
 * A lock file created with O_EXCL. A lock left by a crashed process (dead pid on this host,
 * or older than a minute — no operation holds it longer than milliseconds) is broken.
 */
export class FileLock {
  private readonly host = hostname();
  constructor(
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  async acquire(): Promise<void> {
    const started = Date.now();
    let delay = 1;
    for (;;) {
      try {
        const fd = openSync(this.path, "wx");
        writeSync(fd, `${process.pid} ${this.host} ${Date.now()}`);
        closeSync(fd);
        return;
      } catch (e) {
        if (!isErrno(e, "EEXIST")) throw e;
      }
      if (this.breakIfStale()) continue;
      if (Date.now() - started > this.timeoutMs) {
        throw new Error(
          `store lock ${this.path} is held by another process for more than ${this.timeoutMs} ms; ` +
            `if no other bot or CLI process is running, delete that file`,
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 25);
    }
  }

  release(): void {
    try {
      unlinkSync(this.path);
    } catch (e) {
      if (!isErrno(e, "ENOENT")) throw e;
    }
  }

  private breakIfStale(): boolean {
    let content: string;
    try {
      content = readFileSync(this.path, "utf8");
    } catch (e) {
      if (isErrno(e, "ENOENT")) return true;
      throw e;
    }
    const [pidText, host, atText] = content.split(" ");
    const pid = Number(pidText);
    const at = Number(atText);
    if (!Number.isInteger(pid) || pid <= 0 || !Number.isFinite(at)) {
      // Empty or unreadable: being written right now (not stale) — or left by a crash between
      // creating and writing it, or by a full disk, which would wedge every command for ever.
      // Written locks take microseconds, so one older than the lock timeout is stale.
      let mtime: number;
      try {
        mtime = statSync(this.path).mtimeMs;
      } catch (e) {
        if (isErrno(e, "ENOENT")) return true;
        throw e;
      }
      if (Date.now() - mtime <= this.timeoutMs) return false;
    } else {
      const dead = host === this.host && !processAlive(pid);
      if (!dead && Date.now() - at < 60_000) return false;
    }
    // Move it aside, then make sure we moved the stale lock and not a fresh one.
    const aside = `${this.path}.stale-${process.pid}-${Date.now()}`;
    try {
      renameSync(this.path, aside);
    } catch (e) {
      if (isErrno(e, "ENOENT")) return true;
      throw e;
    }
    if (readFileSync(aside, "utf8") !== content) {
      try {
        linkSync(aside, this.path); // put back someone's fresh lock, unless another was taken since
      } catch {
        /* the fresh lock's owner will find it gone; its unlink tolerates that */
      }
    }
    unlinkSync(aside);
    return true;
  }
}
