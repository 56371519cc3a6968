import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertValidKey, StorageNotFoundError, type EvidenceStorage, type StoredObject } from "./types";

/** Temporary files are named `.<key segment>.<random>.tmp` next to their final place. */
export const TEMP_SUFFIX = ".tmp";

/**
 * Evidence in a folder of the server's disk. A file is written to a temporary name in the same folder
 * and renamed into place once complete, so a reader never sees half a file and a failed upload
 * leaves nothing behind.
 */
export class LocalEvidenceStorage implements EvidenceStorage {
  readonly root: string;
  readonly label: string;

  constructor(root: string) {
    this.root = path.resolve(/* turbopackIgnore: true */ root);
    this.label = `local:${this.root}`;
  }

  /** The file of `key`, checked to stay inside the root folder. */
  private pathOf(key: string): string {
    assertValidKey(key);
    const file = path.resolve(/* turbopackIgnore: true */ this.root, ...key.split("/"));
    if (!file.startsWith(this.root + path.sep)) throw new Error(`storage key ${key} leaves the evidence folder`);
    return file;
  }

  async put(key: string, stream: Readable, _options: { contentType: string }): Promise<{ size: number }> {
    const file = this.pathOf(key);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
    try {
      // `flush` fsyncs before close, so a completed rename never points at unwritten data.
      await pipeline(stream, createWriteStream(temp, { flags: "wx", mode: 0o640, flush: true }));
      const { size } = await stat(temp);
      await rename(temp, file);
      return { size };
    } catch (error) {
      stream.destroy();
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      // Opened now, so a missing file is reported here rather than as a stream error later.
      const handle = await open(file, "r");
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }

  async *list(): AsyncIterable<StoredObject> {
    const walk = async function* (dir: string, prefix: string[]): AsyncGenerator<StoredObject> {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
      }
      for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) yield* walk(full, [...prefix, e.name]);
        else if (e.isFile()) {
          const modifiedAt = (await stat(full)).mtime;
          const key = [...prefix, e.name].join("/");
          yield e.name.startsWith(".") && e.name.endsWith(TEMP_SUFFIX) ? { key, modifiedAt, temporary: true } : { key, modifiedAt };
        }
      }
    };
    yield* walk(this.root, []);
  }

  async deleteTemporary(relativePath: string): Promise<void> {
    const file = path.resolve(/* turbopackIgnore: true */ this.root, ...relativePath.split("/"));
    if (!file.startsWith(this.root + path.sep) || !path.basename(file).endsWith(TEMP_SUFFIX)) throw new Error(`not a temporary file: ${relativePath}`);
    await rm(file, { force: true });
  }
}
