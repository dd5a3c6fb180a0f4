/**
 * The pages' own style, script, icon and web fonts. Style, script and icon
 * are strings, so the app needs no file system (Workers have none). Pages
 * link every asset with a content fingerprint (`?v=`), so they can be cached
 * for good.
 */
import { PAGE_FONT_FAMILY, type PageScript } from './page-fonts.ts';

const STYLE = `:root {
  color-scheme: light dark;
  --bg: #f7f3ea; --fg: #1f1b16; --muted: #6e655a; --accent: #b5452e; --panel: #fffdf8; --line: #d9cfbd;
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  line-height: 1.6;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181d; --fg: #f2eee6; --muted: #9b958b; --accent: #e0a24a; --panel: #1e2128; --line: #3a3d45; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--fg); }
a { color: var(--accent); }
img { max-width: 100%; height: auto; display: block; }
blockquote { margin: 0; }
.masthead, main, footer, .bar { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.masthead h1 { margin: 1.5rem 0 0.25rem; font-size: 1.6rem; }
.masthead p { margin: 0.25rem 0; color: var(--muted); }
.langs { margin: 0.75rem 0 1.25rem; display: flex; gap: 1rem; flex-wrap: wrap; }
.gallery { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); }
.gallery a { display: block; height: 100%; color: inherit; text-decoration: none; background: var(--panel); border: 1px solid var(--line); border-radius: 0.5rem; overflow: hidden; }
.gallery a:hover, .gallery a:focus-visible { border-color: var(--accent); }
.gallery img { width: 100%; aspect-ratio: 1200 / 630; background: var(--line); }
.gallery blockquote { padding: 0.75rem 1rem 0; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 4; overflow: hidden; }
.gallery .by { margin: 0.25rem 1rem 0.75rem; color: var(--muted); font-size: 0.9rem; }
footer { padding: 2rem 1rem; color: var(--muted); }
.bar { padding-top: 1rem; padding-bottom: 1rem; }
.share { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); align-items: start; padding-bottom: 3rem; }
.share .card { margin: 0; grid-row: span 3; display: flex; justify-content: center; }
.share .card img { width: auto; height: auto; max-width: 100%; max-height: 80vh; border-radius: 0.5rem; box-shadow: 0 1px 8px rgb(0 0 0 / 0.15); transition: opacity 0.2s; }
.share .card img.og { width: 100%; }
.hint { margin: -0.3rem 0 0; font-size: 0.85rem; color: var(--muted); }
.share .card img.loading { opacity: 0.5; }
.quote blockquote { font-size: 1.25rem; }
.quote .by, .quote .by-en { margin: 0.5rem 0 0; color: var(--muted); }
.picker { display: grid; gap: 0.6rem; }
.picker select { width: 100%; min-width: 0; }
.picker label, .links label { display: grid; gap: 0.2rem; font-size: 0.9rem; color: var(--muted); }
select, input, .button, button { font: inherit; color: var(--fg); background: var(--panel); border: 1px solid var(--line); border-radius: 0.375rem; padding: 0.4rem 0.6rem; }
.links { display: grid; gap: 0.4rem; }
.copy { display: flex; gap: 0.4rem; }
.copy input { flex: 1; min-width: 0; }
button, .button { cursor: pointer; text-decoration: none; display: inline-block; }
.button { background: var(--accent); border-color: var(--accent); color: #fff; }
.status { margin-left: 0.75rem; color: var(--muted); }
.error { padding: 3rem 1rem; }
@media (max-width: 48rem) { .share { grid-template-columns: minmax(0, 1fr); } .share .card { grid-row: auto; } }
`;

/** Progressive enhancement of the share page: live preview, copy buttons. Works without it too. */
const SHARE_SCRIPT = `'use strict';
(function () {
  var form = document.getElementById('picker');
  if (!form) return;
  var id = form.dataset.id;
  var base = form.dataset.base;
  var preview = document.getElementById('preview');
  var download = document.getElementById('download');
  var pageUrl = document.getElementById('page-url');
  var imageUrl = document.getElementById('image-url');
  var status = document.getElementById('status');
  var description = document.getElementById('template-description');
  var cards = JSON.parse(form.dataset.cards);
  var shownLang = form.elements.lang.value;
  var textRequest = 0;

  form.querySelector('.apply').hidden = true;
  form.addEventListener('submit', function (event) { event.preventDefault(); update(); });
  form.addEventListener('change', update);
  preview.addEventListener('load', function () { preview.classList.remove('loading'); });
  preview.addEventListener('error', function () { preview.classList.remove('loading'); say('The preview could not be loaded.'); });
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { copy(document.getElementById(button.dataset.copy)); });
  });

  // The same canonical query as the server: defaults left out, the form's order.
  function chosen(withScale) {
    var params = [];
    form.querySelectorAll('select').forEach(function (select) {
      if ((withScale || select.name !== 'scale') && select.value !== select.dataset.default) params.push([select.name, select.value]);
    });
    return params;
  }
  function query(params) {
    var text = new URLSearchParams(params).toString();
    return text ? '?' + text : '';
  }

  // Only the scales that stay within the pixel limit for the chosen size.
  function allowScales() {
    var size = form.elements.size.value;
    var scale = form.elements.scale;
    Array.prototype.forEach.call(scale.options, function (option) {
      option.disabled = option.dataset.sizes.split(' ').indexOf(size) < 0;
    });
    if (scale.selectedOptions[0].disabled) scale.value = '1';
  }

  // Only the sizes whose card fits the chosen template and script (the others answer 422).
  function allowSizes() {
    var pair = form.elements.template.value + ':' + form.elements.lang.value;
    var size = form.elements.size;
    Array.prototype.forEach.call(size.options, function (option) {
      option.disabled = option.dataset.fits.split(' ').indexOf(pair) < 0;
    });
    if (size.selectedOptions[0].disabled) {
      var fitting = Array.prototype.filter.call(size.options, function (option) { return !option.disabled; })[0];
      if (fitting) size.value = fitting.value;
    }
  }

  // A card's content-addressed path (see cardUrl): its options spelled out, then its hash from the page.
  function cardUrl(withScale) {
    var value = function (name) { return form.elements[name].value; };
    var stem = [value('template'), value('size'), value('lang'), value('theme')];
    if (withScale && value('scale') !== '1') stem.push('x' + value('scale'));
    var key = stem.join('.');
    return '/cards/' + id + '/' + key + '.' + cards[key] + '.png';
  }

  function update() {
    allowSizes();
    allowScales();
    var all = chosen(true);
    var size = form.elements.size.selectedOptions[0];
    var template = form.elements.template.selectedOptions[0];
    preview.className = 'loading ' + size.value;
    preview.width = Number(size.dataset.width);
    preview.height = Number(size.dataset.height);
    preview.src = cardUrl(false);
    download.href = cardUrl(true);
    download.download = [id].concat(all.map(function (pair) { return pair[1]; })).join('-') + '.png';
    pageUrl.value = base + '/q/' + id + query(all);
    imageUrl.value = base + cardUrl(true);
    description.textContent = template.dataset.description;
    history.replaceState(null, '', '/q/' + id + query(all));
    if (form.elements.lang.value !== shownLang) showText(form.elements.lang.value);
  }

  // The quote's text in the chosen script, from the app's own API.
  function showText(lang) {
    var request = ++textRequest;
    fetch('/api/quotes/' + encodeURIComponent(id) + '?lang=' + encodeURIComponent(lang))
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (quote) {
        if (request !== textRequest) return;
        shownLang = lang;
        document.documentElement.lang = form.elements.lang.selectedOptions[0].dataset.htmlLang;
        document.getElementById('quote-text').textContent = quote.text;
        document.getElementById('quote-speaker').textContent = quote.speaker.name;
        document.getElementById('quote-source').textContent = quote.source.title;
        var alt = '「' + quote.text + '」— ' + quote.speaker.name + '，' + quote.source.title;
        preview.alt = clip(alt, 420);
        // The same title as the server writes (pageTitle).
        document.title = quote.speaker.name + '：「' + clip(quote.text, 32) + '」 · ' + document.title.split(' · ').pop();
      })
      .catch(function () { say('The text in this script could not be loaded.'); });
  }

  // At most max code points, the last an ellipsis when cut (as clip in localize.ts).
  function clip(text, max) {
    var chars = Array.from(text);
    return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
  }

  function copy(input) {
    var done = function () { say('Copied.'); };
    var fallback = function () {
      input.select();
      if (document.execCommand('copy')) done(); else say('Select the link and copy it.');
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(done, fallback);
    else fallback();
  }

  function say(message) {
    status.textContent = message;
  }
})();
`;

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b5452e"/><path d="M9 7h9v3h-6v8H9zM23 25h-9v-3h6v-8h3z" fill="#f7f3ea"/></svg>`;

/** A short, stable fingerprint (FNV-1a over UTF-16 code units or bytes) for cache busting; not for security. */
export function fingerprint(data: string | Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ (typeof data === 'string' ? data.charCodeAt(i) : data[i]!), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The page fonts an app links (see page-fonts.ts): each script's fingerprint,
 * and its WOFF2 bytes when the app serves them itself. On the Worker the
 * committed files are Workers Static Assets (wrangler.toml), served before the
 * Worker runs, so only their fingerprints are given.
 */
export interface PageFontAssets {
  versions: Record<PageScript, string>;
  files?: Record<PageScript, Uint8Array<ArrayBuffer>>;
}

/** One served asset. */
export interface Asset {
  body: string | Uint8Array<ArrayBuffer>;
  type: string;
  /** The fingerprint pages link it with. */
  version: string;
}

/** An app's assets by file name, and the path pages link each by. */
export interface Assets {
  files: Readonly<Record<string, Asset>>;
  path(name: string): string;
}

/** The path pages link a page font by: /assets/page-<script>.woff2?v=<fingerprint>. */
function pageFontPath(script: PageScript, version: string): string {
  return `/assets/page-${script}.woff2?v=${version}`;
}

/**
 * The page fonts' CSS: an @font-face per script (WOFF2, font-display: swap),
 * named after the usual CJK system fonts and before the generic family, so a
 * reader who has one of those never downloads ours, and a reader who has none
 * sees the quotes in ours rather than as empty boxes. Traditional pages fall
 * back on the Simplified-form subset for the Hong Kong forms the Traditional
 * one lacks (説, 閲).
 */
function fontRules(fonts: PageFontAssets | undefined): string {
  const own = (script: PageScript) => (fonts ? `"${PAGE_FONT_FAMILY[script]}", ` : '');
  const faces = fonts
    ? (['hant', 'hans'] as const)
        .map(
          (script) =>
            `@font-face { font-family: "${PAGE_FONT_FAMILY[script]}"; src: url("${pageFontPath(script, fonts.versions[script])}") format("woff2"); font-display: swap; }\n`,
        )
        .join('')
    : '';
  return `${faces}:lang(zh-Hant-TW) { font-family: "PingFang TC", "Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", ${own('hant')}${own('hans')}sans-serif; }
:lang(zh-Hant-HK) { font-family: "PingFang HK", "Noto Sans CJK HK", "Noto Sans HK", "Microsoft JhengHei", ${own('hant')}${own('hans')}sans-serif; }
:lang(zh-Hans-CN) { font-family: "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", ${own('hans')}sans-serif; }
:lang(en) { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
`;
}

/** The assets of an app that links `fonts` (none: the pages use system fonts only). */
export function createAssets(fonts?: PageFontAssets): Assets {
  const entries: [string, string | Uint8Array<ArrayBuffer>, string][] = [
    ['style.css', STYLE + fontRules(fonts), 'text/css; charset=utf-8'],
    ['share.js', SHARE_SCRIPT, 'text/javascript; charset=utf-8'],
    ['icon.svg', ICON, 'image/svg+xml; charset=utf-8'],
  ];
  for (const script of ['hant', 'hans'] as const) {
    const file = fonts?.files?.[script];
    if (file) entries.push([`page-${script}.woff2`, file, 'font/woff2']);
  }
  const files: Record<string, Asset> = Object.fromEntries(
    entries.map(([name, body, type]) => [name, { body, type, version: fingerprint(body) }]),
  );
  return {
    files,
    path(name) {
      const font = /^page-(hant|hans)\.woff2$/.exec(name)?.[1] as PageScript | undefined;
      if (font && fonts) return pageFontPath(font, fonts.versions[font]);
      const asset = files[name];
      if (!asset) throw new Error(`No asset named ${name}`);
      return `/assets/${name}?v=${asset.version}`;
    },
  };
}
