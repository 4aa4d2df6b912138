/**
 * The default conversation store: IndexedDB, one database per origin and `storage-key`.
 * The platform API, not a wrapper: `idb-keyval` keeps one object store per database and so
 * could only list conversations by reading every one whole (attachments included), and the
 * promise wrappers (`idb`) would cost more bytes than the four calls below.
 *
 * Two object stores, written together in one transaction: `conversations` (whole records)
 * and `summaries` (id, title, time), so the list never reads a message. Each conversation is
 * its own record, written on its own: two tabs on one key never overwrite each other's.
 *
 * @module
 */
import type { Conversation, ConversationStore, ConversationSummary } from '../types.js';

/** Bumped with a migration in {@link upgrade} whenever the schema changes. */
const SCHEMA_VERSION = 1;
const RECORDS = 'conversations';
const SUMMARIES = 'summaries';

/** The store for `key`. The database opens at the first call; a failed open is tried again at the next. */
export function indexedDbStore(key: string): ConversationStore {
  let opened: Promise<IDBDatabase> | undefined;
  const forget = () => (opened = undefined);
  const database = () =>
    (opened ??= openDatabase(`openrouter-chat:${key}`, forget).catch((error) => {
      forget();
      throw error;
    }));

  /** Runs `work` in one transaction; resolves with its request's result once the transaction committed. */
  async function transact<T>(mode: IDBTransactionMode, work: (transaction: IDBTransaction) => IDBRequest<T> | void): Promise<T> {
    const transaction = (await database()).transaction([RECORDS, SUMMARIES], mode);
    return new Promise<T>((resolve, reject) => {
      const request = work(transaction);
      transaction.oncomplete = () => resolve(request?.result as T);
      transaction.onabort = () => reject(transaction.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
    });
  }

  return {
    list: () => transact('readonly', (transaction) => transaction.objectStore(SUMMARIES).getAll() as IDBRequest<ConversationSummary[]>),
    load: (id) => transact('readonly', (transaction) => transaction.objectStore(RECORDS).get(id) as IDBRequest<Conversation | undefined>),
    save: (conversation) =>
      transact('readwrite', (transaction) => {
        const { id, title, updatedAt } = conversation;
        transaction.objectStore(RECORDS).put(conversation);
        transaction.objectStore(SUMMARIES).put({ id, title, updatedAt });
      }),
    remove: (id) =>
      transact('readwrite', (transaction) => {
        transaction.objectStore(RECORDS).delete(id);
        transaction.objectStore(SUMMARIES).delete(id);
      }),
  };
}

/** Opens the database; `onClosed` hears when it closed for another tab's upgrade (the next call opens it again). */
function openDatabase(name: string, onClosed: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // Throws (rejecting this promise) where IndexedDB is missing or refused.
    const request = indexedDB.open(name, SCHEMA_VERSION);
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    // An older tab still holds the database open and did not let go: this tab goes without saving.
    let blocked = false;
    request.onblocked = () => {
      blocked = true;
      reject(new DOMException(`The database "${name}" is held open by another tab of an older version.`, 'BlockedError'));
    };
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      // Opened after all, once the old tab let go: too late for this call, and the next opens anew.
      if (blocked) return db.close();
      // A newer version in another tab wants to upgrade: let it, rather than block it.
      db.onversionchange = () => {
        db.close();
        onClosed();
      };
      resolve(db);
    };
  });
}

/** The schema's migrations, from the version found to {@link SCHEMA_VERSION}. */
function upgrade(db: IDBDatabase, from: number): void {
  if (from < 1) {
    db.createObjectStore(RECORDS, { keyPath: 'id' });
    db.createObjectStore(SUMMARIES, { keyPath: 'id' });
  }
}
