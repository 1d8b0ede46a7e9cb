/** POSTs an operation to a running API at `url` and returns its data, failing on errors. */
export async function mustAt<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: unknown[] };
  if (body.errors !== undefined || !body.data) throw new Error(`operation failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}
