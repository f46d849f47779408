// The explorer talks to the public GraphQL API only, at /graphql on the
// origin that served the page.

export const ENDPOINT = "/graphql";

/** An error the API or the network reported, with the API's code if any. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError("The server could not be reached. Check that diplograph is running, then try again.", "NETWORK");
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The server answered ${res.status} ${res.statusText} without data.`, "HTTP", res.status);
  }
  if (body.errors && body.errors.length > 0) {
    const e = body.errors[0];
    const code = e.extensions?.code;
    const message =
      code === "UNAVAILABLE" ? "The graph database is unavailable at the moment; try again shortly." : e.message;
    throw new ApiError(message, code, res.status);
  }
  if (!body.data) throw new ApiError(`The server answered ${res.status} without data.`, "HTTP", res.status);
  return body.data;
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}
