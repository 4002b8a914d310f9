/**
 * The portal's REST APIs as a signed-in user calls them: a Backstage
 * identity token from the guest sign-in (what the demo app's Enter button
 * gets), sent as a bearer token.
 */
export class PortalApi {
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Signs in with the demo's guest provider. */
  static async signInAsGuest(baseUrl: string): Promise<PortalApi> {
    const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`the guest sign-in failed with ${response.status}: ${text}`);
    }
    const token = JSON.parse(text)?.backstageIdentity?.token;
    if (typeof token !== 'string') {
      throw new Error(`the guest sign-in answered no backstageIdentity.token: ${text}`);
    }
    return new PortalApi(baseUrl, token);
  }

  /** GETs JSON; undefined for a 404, an error naming the status and body otherwise. */
  async get<T>(path: string): Promise<T | undefined> {
    const response = await this.request('GET', path);
    if (response.status === 404) return undefined;
    return this.json<T>('GET', path, response);
  }

  /** POSTs JSON and returns the JSON answer; an error naming the status and body unless it is 2xx. */
  async post<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('POST', path, await this.request('POST', path, body));
  }

  private request(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  private async json<T>(method: string, path: string, response: Response): Promise<T> {
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return JSON.parse(text) as T;
  }
}
