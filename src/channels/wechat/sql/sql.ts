/**
 * The database seam as the WeChat channels see it (structurally the same as src/storage's `Queryable`,
 * which channels may not import): plain parameterized SQL, optionally as a named prepared statement.
 */
export type Sql = {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    values?: readonly unknown[],
    name?: string,
  ): Promise<{ rows: R[]; rowCount: number }>;
};

/** A database that can also run a function in one transaction on one connection (src/storage's `Db`). */
export type TxSql = Sql & { withTransaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> };
