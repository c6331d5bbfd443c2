/** A CQL identifier, double-quoted so that case and odd characters survive. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"keyspace"."table"`. */
export function qualifiedTable(keyspace: string, table: string): string {
  return `${quoteIdentifier(keyspace)}.${quoteIdentifier(table)}`;
}
