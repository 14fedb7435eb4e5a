// Runs in: the sandboxed renderer. The only reader of window.api. In the desktop app it is
// the preload's client; in a browser (served by `clipfolio serve`) the same contract goes
// over fetch to the bridge and events over its WebSocket, with the token from the page URL.
import {
  BRIDGE_IMPORT_PATH,
  BRIDGE_TOKEN_HEADER,
  createApiClient,
  photoUrl as contractPhotoUrl,
  type ApiClient,
  type Channel,
  type DesktopApi,
  type EventMessage,
  type EventName,
  type ImportResult,
  type PhotoKind,
  type Result,
} from '../../../main/shared/api-contract';

declare global {
  interface Window {
    api?: DesktopApi;
  }
}

/** The bridge's token, from the URL the page was opened with. */
function bridgeToken(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
}

function bridgeClient(): ApiClient {
  const token = bridgeToken();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;

  const connect = () => {
    if (socket) return;
    const url = new URL('/events', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    socket = new WebSocket(url);
    socket.onmessage = (message: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(message.data) as EventMessage;
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    socket.onclose = () => {
      socket = null;
    };
  };

  const invoke = async (channel: Channel, args: unknown[]): Promise<Result<unknown>> => {
    const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [BRIDGE_TOKEN_HEADER]: token },
      body: JSON.stringify(args),
    });
    if (response.headers.get('Content-Type')?.startsWith('application/json')) return (await response.json()) as Result<unknown>;
    return { ok: false, error: { code: 'FORBIDDEN', message: `The bridge refused the call (${response.status}).` } };
  };

  return createApiClient(invoke, (event, listener) => {
    connect();
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  });
}

export const api: ApiClient = window.api ?? bridgeClient();

/** A dropped file's path in the desktop app; null in a browser, which never reveals paths. */
export function pathForFile(file: File): string | null {
  return window.api ? window.api.pathForFile(file) : null;
}

/** The desktop app: the OS's folder dialog, file manager and default apps are there; a browser has none of them. */
export function isDesktopApp(): boolean {
  return window.api !== undefined;
}

/** Imports one dropped file in a browser by uploading its bytes to the bridge (which has no path for it). */
export async function uploadForImport(file: File): Promise<Result<ImportResult>> {
  const query = new URLSearchParams({ name: file.name, modified: String(file.lastModified) });
  const response = await fetch(`${BRIDGE_IMPORT_PATH}?${query.toString()}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', [BRIDGE_TOKEN_HEADER]: bridgeToken() },
    body: file,
  });
  if (response.headers.get('Content-Type')?.startsWith('application/json')) return (await response.json()) as Result<ImportResult>;
  return { ok: false, error: { code: 'FORBIDDEN', message: `the bridge refused it (${response.status}: ${await response.text()})` } };
}

/** The URL of a photo's thumbnail or full-size image, by catalog id. */
export function photoUrl(kind: PhotoKind, id: string): string {
  return contractPhotoUrl(kind, id, window.api !== undefined);
}

/** The value of a result, or its error thrown, for callers that prefer exceptions. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw Object.assign(new Error(result.error.message), { code: result.error.code });
}
