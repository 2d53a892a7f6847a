// The app:// scheme our built page is served from (app://earshot/index.html): its name, host and
// privileges, registered before Electron is ready. A standard, secure scheme gives the page a real
// origin — so CSP 'self', the permission check and the IPC sender check mean "our files" — and,
// unlike file://, lets fetch() load the VAD model and onnxruntime's wasm and .mjs beside the page.

export const APP_SCHEME = 'app';
export const APP_HOST = 'earshot';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export interface SchemePrivileges {
  standard: boolean;
  secure: boolean;
  supportFetchAPI: boolean;
  stream: boolean;
  codeCache: boolean;
}

export interface CustomSchemeSpec {
  scheme: string;
  privileges: SchemePrivileges;
}

/**
 * standard: a real origin and relative URLs; secure: a secure context (getUserMedia); fetch: the VAD
 * model and wasm; stream: media elements may stream; codeCache: V8's code cache (needs standard).
 * Deliberately not bypassCSP, corsEnabled or allowServiceWorkers.
 */
export const APP_SCHEME_SPEC: CustomSchemeSpec = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

export interface SchemeRegistrar {
  registerSchemesAsPrivileged(schemes: CustomSchemeSpec[]): void;
}

/** Must run before app 'ready' (Electron refuses it afterwards); index.ts calls it at load. */
export function registerAppScheme(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_SPEC]);
}

/** True for URLs on our origin: app://earshot, no port, no credentials. */
export function isAppOrigin(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
