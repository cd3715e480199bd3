/**
 * The panel's HTML page. Shared by the real webview host and the browser tests, so the tests load exactly the
 * page (and Content Security Policy) VS Code shows. No `vscode` import: the host passes in webview URIs as strings.
 */

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  /** A fresh random value per page load; only scripts and styles carrying it may run. */
  readonly nonce: string;
  /** Webview URI of dist/webview.js. */
  readonly scriptUri: string;
  /** Webview URI of media/panel.css. */
  readonly styleUri: string;
  readonly title: string;
}

/**
 * `default-src 'none'` blocks everything not listed. Scripts only with the nonce (no inline handlers, no eval);
 * styles from the extension's own files or with the nonce (Chart.js sizes its canvas through the CSSOM, which
 * CSP does not govern, so no 'unsafe-inline' is needed); images only from the extension and data: URIs
 * (Chart.js never needs them, but the theme's codicons may).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderPanelHtml(options: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(options.nonce))
    throw new Error('renderPanelHtml: the nonce must be at least 16 base64 characters');
  const csp = escapeAttribute(contentSecurityPolicy(options.cspSource, options.nonce));
  const nonce = escapeAttribute(options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}" nonce="${nonce}">
<title>${escapeAttribute(options.title)}</title>
</head>
<body>
<div id="app" aria-live="polite"><p class="loading">Loading Distillery panel…</p></div>
<script nonce="${nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
