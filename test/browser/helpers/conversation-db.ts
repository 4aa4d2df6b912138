/**
 * Reading and writing the element's IndexedDB database directly, as another version of the
 * element or a hostile script on the page would, to check what it saved and how it reads.
 */

/** The database name the element uses for `storage-key` `key`. */
export const databaseName = (key: string) => `openrouter-chat:${key}`;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function open(key: string): Promise<IDBDatabase> {
  const request = indexedDB.open(databaseName(key), 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore('conversations', { keyPath: 'id' });
    request.result.createObjectStore('summaries', { keyPath: 'id' });
  };
  return promised(request);
}

/** Every whole conversation saved under `key`. */
export async function savedConversations(key: string): Promise<Record<string, unknown>[]> {
  const db = await open(key);
  try {
    return await promised(db.transaction('conversations').objectStore('conversations').getAll());
  } finally {
    db.close();
  }
}

/** Writes records as they are (hostile ones too) into both stores. */
export async function writeRecords(key: string, records: { conversations?: unknown[]; summaries?: unknown[] }): Promise<void> {
  const db = await open(key);
  const transaction = db.transaction(['conversations', 'summaries'], 'readwrite');
  for (const record of records.conversations ?? []) transaction.objectStore('conversations').put(record);
  for (const record of records.summaries ?? []) transaction.objectStore('summaries').put(record);
  await new Promise((resolve, reject) => {
    transaction.oncomplete = resolve;
    transaction.onabort = () => reject(transaction.error);
  });
  db.close();
}

/** A fresh `storage-key` for one test, so tests never share a database. */
export function freshKey(name: string): string {
  return `${name}-${Math.random().toString(36).slice(2)}`;
}
