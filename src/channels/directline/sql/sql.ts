/**
 * The database seam as this channel sees it (structurally the same as src/storage's `Queryable`,
 * which channels may not import): plain parameterized SQL, optionally as a named prepared statement.
 */
export type Sql = {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    values?: readonly unknown[],
    name?: string,
  ): Promise<{ rows: R[]; rowCount: number }>;
};
