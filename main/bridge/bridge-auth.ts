// Runs in: the bridge process (plain Node). Who may talk to the bridge. It listens on
// 127.0.0.1 only, but any web page the user opens can send requests there, so every request
// must carry the random token from the printed URL (header, query or the cookie the first
// page load sets), name the bridge itself as Host (no DNS rebinding) and, when the browser
// says where it comes from, come from the bridge's own origin.
import { timingSafeEqual } from 'node:crypto';

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  tokenHeader: string | undefined;
  tokenQuery: string | null;
  cookie: string | undefined;
}

export type AuthVerdict = { ok: true; fromQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

export function cookieName(port: number): string {
  return `clipfolio-token-${port}`;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export function checkRequest(facts: RequestFacts, port: number, token: string): AuthVerdict {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!facts.host || !hosts.includes(facts.host)) return { ok: false, status: 403, reason: 'wrong Host' };
  if (facts.origin !== undefined && facts.origin !== `http://${facts.host}`) {
    return { ok: false, status: 403, reason: 'request from another origin' };
  }
  const candidates: [string | undefined | null, boolean][] = [
    [facts.tokenHeader, false],
    [facts.tokenQuery, true],
    [cookieValue(facts.cookie, cookieName(port)), false],
  ];
  for (const [given, fromQuery] of candidates) {
    if (given) return sameToken(given, token) ? { ok: true, fromQuery } : { ok: false, status: 401, reason: 'wrong token' };
  }
  return { ok: false, status: 401, reason: 'missing token' };
}
