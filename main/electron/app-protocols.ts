// Runs in: the Electron main process. The app's two schemes: `clipfolio://app/...` serves
// the built UI (so the page has a real origin and a CSP header, not file://), and
// `clipfolio-photo://<kind>/<id>` serves photos by catalog id. Both hand the request to the
// plain-Node handlers in main/protocol, which the bridge uses too.
import { protocol } from 'electron';
import { parsePhotoSchemeUrl, servePhoto } from '../protocol/photo-request';
import type { PhotoSource } from '../protocol/photo-source';
import { contentSecurityPolicy, securityHeaders } from '../protocol/security-headers';
import { PHOTO_SCHEME } from '../shared/api-contract';
import { serveUi } from '../protocol/ui-request';
import { refusal } from '../protocol/file-response';

export const APP_SCHEME = 'clipfolio';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: PHOTO_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function handleSchemes(rendererDir: string, photos: PhotoSource): void {
  const headers = securityHeaders(contentSecurityPolicy());
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return refusal(404, 'not found', headers);
    return serveUi(rendererDir, url.pathname, headers, request.method);
  });
  protocol.handle(PHOTO_SCHEME, (request) => servePhoto(parsePhotoSchemeUrl(request.url), photos, request.method));
}
