/**
 * IndexedDB for `/watch`: the viewing in progress (to resume it after a reload) and the minute
 * documents not yet stored by the server (the outbox). A minute document and the viewing's new
 * state are written in one transaction, so a reload never loses or repeats a minute.
 * Browser-only. Where IndexedDB is unavailable (some private modes) the same interface keeps
 * everything in memory: recording works, resuming after a reload does not.
 */
import type { MinuteDocument } from "@/lib/recording.ts";
import type { ViewingRecord } from "@/lib/watch/saved_viewing.ts";

export interface WatchDb {
  /** Whether the data survives a reload. */
  readonly persistent: boolean;
  /** The viewings in progress, the most recently updated first. */
  viewings(): Promise<ViewingRecord[]>;
  /** One viewing in progress, or null (finished or forgotten meanwhile). */
  viewing(screeningId: string): Promise<ViewingRecord | null>;
  saveViewing(record: ViewingRecord): Promise<void>;
  /** Stores a completed minute document with the viewing's state after it, atomically. */
  commitMinute(record: ViewingRecord, document: MinuteDocument): Promise<void>;
  /** The viewing's documents not yet stored by the server, by seq. */
  outbox(screeningId: string): Promise<MinuteDocument[]>;
  removeMinute(screeningId: string, seq: number): Promise<void>;
  /** Forgets a viewing and its outbox (once it is finished). */
  removeViewing(screeningId: string): Promise<void>;
}

const DB_NAME = "reelfeel-watch";
const DB_VERSION = 1;
const VIEWINGS = "viewings";
const OUTBOX = "outbox";

function newestFirst(records: ViewingRecord[]): ViewingRecord[] {
  return records.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

class IndexedWatchDb implements WatchDb {
  readonly persistent = true;
  constructor(private readonly db: IDBDatabase) {}

  async viewings(): Promise<ViewingRecord[]> {
    const tx = this.db.transaction(VIEWINGS, "readonly");
    const all = await request(tx.objectStore(VIEWINGS).getAll()) as ViewingRecord[];
    return newestFirst(all);
  }

  async viewing(screeningId: string): Promise<ViewingRecord | null> {
    const tx = this.db.transaction(VIEWINGS, "readonly");
    const found = await request(tx.objectStore(VIEWINGS).get(screeningId));
    return (found as ViewingRecord | undefined) ?? null;
  }

  saveViewing(record: ViewingRecord): Promise<void> {
    const tx = this.db.transaction(VIEWINGS, "readwrite");
    tx.objectStore(VIEWINGS).put(record);
    return done(tx);
  }

  commitMinute(record: ViewingRecord, document: MinuteDocument): Promise<void> {
    const tx = this.db.transaction([VIEWINGS, OUTBOX], "readwrite");
    tx.objectStore(OUTBOX).put(document);
    tx.objectStore(VIEWINGS).put(record);
    return done(tx);
  }

  async outbox(screeningId: string): Promise<MinuteDocument[]> {
    const tx = this.db.transaction(OUTBOX, "readonly");
    const range = IDBKeyRange.bound([screeningId, 0], [screeningId, Infinity]);
    const docs = await request(tx.objectStore(OUTBOX).getAll(range)) as MinuteDocument[];
    return docs.sort((a, b) => a.seq - b.seq);
  }

  removeMinute(screeningId: string, seq: number): Promise<void> {
    const tx = this.db.transaction(OUTBOX, "readwrite");
    tx.objectStore(OUTBOX).delete([screeningId, seq]);
    return done(tx);
  }

  removeViewing(screeningId: string): Promise<void> {
    const tx = this.db.transaction([VIEWINGS, OUTBOX], "readwrite");
    tx.objectStore(VIEWINGS).delete(screeningId);
    tx.objectStore(OUTBOX).delete(IDBKeyRange.bound([screeningId, 0], [screeningId, Infinity]));
    return done(tx);
  }
}

/** The same contract in memory, for browsers without IndexedDB. */
export class MemoryWatchDb implements WatchDb {
  readonly persistent = false;
  #viewings = new Map<string, ViewingRecord>();
  #outbox = new Map<string, MinuteDocument>();

  viewings(): Promise<ViewingRecord[]> {
    return Promise.resolve(newestFirst(structuredClone([...this.#viewings.values()])));
  }

  viewing(screeningId: string): Promise<ViewingRecord | null> {
    const found = this.#viewings.get(screeningId);
    return Promise.resolve(found ? structuredClone(found) : null);
  }

  saveViewing(record: ViewingRecord): Promise<void> {
    this.#viewings.set(record.screeningId, structuredClone(record));
    return Promise.resolve();
  }

  commitMinute(record: ViewingRecord, document: MinuteDocument): Promise<void> {
    this.#outbox.set(`${document.screeningId}/${document.seq}`, structuredClone(document));
    return this.saveViewing(record);
  }

  outbox(screeningId: string): Promise<MinuteDocument[]> {
    const docs = [...this.#outbox.values()]
      .filter((d) => d.screeningId === screeningId)
      .sort((a, b) => a.seq - b.seq);
    return Promise.resolve(structuredClone(docs));
  }

  removeMinute(screeningId: string, seq: number): Promise<void> {
    this.#outbox.delete(`${screeningId}/${seq}`);
    return Promise.resolve();
  }

  removeViewing(screeningId: string): Promise<void> {
    this.#viewings.delete(screeningId);
    for (const key of [...this.#outbox.keys()]) {
      if (key.startsWith(`${screeningId}/`)) this.#outbox.delete(key);
    }
    return Promise.resolve();
  }
}

/** Opens the database, or falls back to memory when IndexedDB cannot be used. */
export async function openWatchDb(): Promise<WatchDb> {
  try {
    if (typeof indexedDB === "undefined") return new MemoryWatchDb();
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(VIEWINGS)) {
        db.createObjectStore(VIEWINGS, { keyPath: "screeningId" });
      }
      if (!db.objectStoreNames.contains(OUTBOX)) {
        db.createObjectStore(OUTBOX, { keyPath: ["screeningId", "seq"] });
      }
    };
    const db = await request(open);
    return new IndexedWatchDb(db);
  } catch {
    return new MemoryWatchDb();
  }
}
