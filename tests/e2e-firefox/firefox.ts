/**
 * How Tend's Firefox tests (and the Firefox bench) start Debian's Firefox ESR with
 * the built extension, offline, with the mail hosts served at their real https URLs.
 *
 * Why it looks like this (../shared notes, tried on these machines):
 * - Playwright cannot load an extension into Firefox; puppeteer-core speaks
 *   WebDriver BiDi to it and installs the build as a temporary add-on
 *   (`webExtension.install`, what about:debugging does).
 * - Firefox has no request interception for extension tests, so a local proxy
 *   answers `CONNECT` for every host and hands the socket to an in-process https
 *   server with a self-signed certificate (the session accepts insecure
 *   certificates). The content scripts' `matches` then decide injection exactly as
 *   on the real sites.
 * - The extension's moz-extension:// host is random per profile; a pref fixes it.
 * - `--remote-allow-system-access` lets a test script the browser's own window:
 *   the toolbar button, the page context menu, the popup panel, the event page.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { generate } from 'selfsigned';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addServed, findServed, type ServeMatch, type ServedEntry, type ServedResponse } from '../e2e/served';

export type { ServedResponse };

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Repository root (this file is tests/e2e-firefox/firefox.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The Firefox build of the extension, as `npm run build` writes it (into TEND_OUT_DIR when set). */
export const FIREFOX_EXTENSION_DIR = join(REPO_ROOT, process.env.TEND_OUT_DIR || '.output', 'firefox-mv3');
/** The add-on id of wxt.config.ts (browser_specific_settings.gecko.id). */
export const GECKO_ID = 'tend@tend.local';
/** Fixed for every test profile, so tests know the extension's origin. */
export const EXTENSION_UUID = '0e5b5f0c-7a3d-4c39-9b1a-2d3c4e5f6a7b';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** Hosts Firefox itself calls (remote settings, safe browsing…): answered 404, not
 * counted as the extension's requests. */
const BROWSER_OWN_HOSTS = /(^|\.)(mozilla\.(com|net|org)|firefox\.com|mozaws\.net)$/;

/**
 * The offline web: what each URL answers. Whatever is not served is refused (404)
 * and recorded, so a test can assert the extension called nothing outside.
 */
export class OfflineWeb {
  readonly blocked: string[] = [];
  readonly #served = new Map<string, ServedEntry>();

  serve(url: string, response: ServedResponse, { match = 'exact' }: { match?: ServeMatch } = {}): string {
    addServed(this.#served, url, response, match);
    return url;
  }

  answer(request: IncomingMessage, response: ServerResponse): void {
    const host = request.headers.host ?? '';
    const url = `https://${host}${request.url ?? '/'}`;
    const entry = findServed(this.#served.values(), url);
    const isDocument = ['document', 'iframe'].includes(String(request.headers['sec-fetch-dest'] ?? ''));
    if (entry && (!entry.documentsOnly || isDocument)) {
      response.writeHead(entry.status ?? 200, { 'content-type': entry.contentType ?? 'text/html; charset=utf-8', ...entry.headers });
      response.end(entry.body);
      return;
    }
    if (!BROWSER_OWN_HOSTS.test(host.replace(/:\d+$/, ''))) this.blocked.push(`${request.method} ${url}`);
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Not served by the test.');
  }
}

/** The proxy Firefox is pointed at: every CONNECT goes to one local https server. */
async function startProxy(web: OfflineWeb): Promise<{ port: number; close(): Promise<void> }> {
  const pems = await generate([{ name: 'commonName', value: 'Tend test sites' }], { keyType: 'ec', curve: 'P-256' });
  const tls = createHttpsServer({ key: pems.private, cert: pems.cert }, (request, response) => web.answer(request, response));
  const sockets = new Set<Socket>();
  const proxy = createHttpServer((request, response) => {
    // Plain http is not served: record it like any other request that left.
    web.blocked.push(`${request.method} ${request.url}`);
    response.writeHead(403).end();
  });
  proxy.on('connect', (_request: IncomingMessage, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tls.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      tls.close();
    },
  };
}

export interface FirefoxSession {
  browser: Browser;
  web: OfflineWeb;
  /** Where Firefox saves downloads in this profile (without asking). */
  downloads: string;
  close(): Promise<void>;
}

/** A fresh Firefox profile with Tend (or a copy of it, for the bench) installed as a temporary add-on, offline. */
export async function launchFirefoxWithTend({
  headless = true,
  extensionDir = FIREFOX_EXTENSION_DIR,
}: { headless?: boolean; extensionDir?: string } = {}): Promise<FirefoxSession> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${extensionDir}: run npm run build first.`);
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox not found at ${FIREFOX_PATH}. Install it (apt-get install -y firefox-esr) or set FIREFOX_PATH.`);
  }
  const web = new OfflineWeb();
  const proxy = await startProxy(web);
  const userDataDir = await mkdtemp(join(tmpdir(), 'tend-firefox-profile-'));
  const downloads = join(userDataDir, 'downloads');
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless,
      userDataDir,
      acceptInsecureCerts: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        // No DNS over HTTPS: every name goes through the proxy.
        'network.trr.mode': 5,
        // Downloads land in the profile's own folder, without a dialog, as with the
        // default "save files to Downloads".
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
      },
    });
    await browser.installExtension(extensionDir);
  } catch (error) {
    await proxy.close();
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    web,
    downloads,
    async close() {
      await browser.close().catch(() => {});
      await proxy.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
