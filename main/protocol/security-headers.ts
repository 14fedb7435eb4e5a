// Runs in: main process and the bridge (plain Node). The Content-Security-Policy and the
// other headers every response of the UI carries. Sent as a header, not only the page's
// meta tag, so it also covers what a meta tag cannot (frame-ancestors) and cannot be
// dropped by editing the HTML.
import { PHOTO_SCHEME } from '../shared/api-contract';

/** `connectSrc` adds the bridge's WebSocket origin; the desktop app needs none. */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes; no style sheet is loaded from elsewhere.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' ${PHOTO_SCHEME}: data: blob:`,
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
