/** What the app reads from a MongoDB connection string (`MONGODB_URI`). Pure. */

/** The database the app uses when the connection string names none. */
export const DEFAULT_DATABASE = "reelfeel";

/**
 * The database a connection string names (`mongodb://host/<db>?…`, also `mongodb+srv://`),
 * else `reelfeel`: the store and the catalog use the same one.
 */
export function databaseName(uri: string): string {
  const name = uri.match(/^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/)?.[1];
  return name ? decodeURIComponent(name) : DEFAULT_DATABASE;
}
