import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { TEMPLATES, TEMPLATE_NAMES, type TemplateName } from '../../templates/index.ts';
import { allowedScales } from '../cards/limits.ts';
import { CHINESE_LANGS, DEFAULTS, SCALES, SIZES, THEMES, cardLangs, defaultLang, type Lang, type SizeName } from '../cards/options.ts';
import { templatesFor } from '../cards/identity.ts';
import type { CardOptions } from '../cards/render.ts';
import { attributionLine, attributionSeparator, cardAlt, clip, quoteLine, titleLine, type LocalizedQuote } from '../cards/localize.ts';
import { assetPath } from './assets.ts';
import { HTML_LANG, LANG_LABEL, OG_LOCALE, cardPath, downloadName, oembedPath, sharePath } from './urls.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The site's name, in titles and og:site_name. */
export const SITE_NAME = 'quote-cards';

/** For each script and template, the sizes at which the quote's card fits. */
/** For each language of the quote, the sizes each template's card fits at. */
export type Fits = Partial<Record<Lang, Record<TemplateName, SizeName[]>>>;

/**
 * The share page of one quote: real text, the card, every tag link previews
 * read, and the picker, which offers only the sizes whose card fits (`fits`).
 */
export function sharePage({ base, quote, options, fits }: { base: string; quote: LocalizedQuote; options: CardOptions; fits: Fits }): Html {
  const { width, height } = SIZES[options.size];
  const pageUrl = base + sharePath(quote.id, options, quote.lang);
  const imageUrl = base + cardPath(quote.id, 'png', options, quote.lang);
  const previewPath = cardPath(quote.id, 'png', { ...options, scale: 1 }, quote.lang);
  const title = titleLine({ ...quote, text: clip(quote.text, 32) });
  const description = quoteLine(quote);
  const alt = cardAlt(quote);

  const head = html`<link rel="canonical" href="${pageUrl}" />
    <link rel="alternate" type="application/json+oembed" href="${base}${oembedPath(pageUrl)}" title="${title}" />
    <meta name="description" content="${description}" />
    <meta property="og:type" content="article" />
    <meta property="og:site_name" content="${SITE_NAME}" />
    <meta property="og:locale" content="${OG_LOCALE[options.lang]}" />
    <meta property="og:title" content="${title}" />
    <meta property="og:description" content="${description}" />
    <meta property="og:url" content="${pageUrl}" />
    <meta property="og:image" content="${imageUrl}" />
    <meta property="og:image:width" content="${width * options.scale}" />
    <meta property="og:image:height" content="${height * options.scale}" />
    <meta property="og:image:type" content="image/png" />
    <meta property="og:image:alt" content="${alt}" />
    <meta name="twitter:card" content="summary_large_image" />
    <meta name="twitter:title" content="${title}" />
    <meta name="twitter:description" content="${description}" />
    <meta name="twitter:image" content="${imageUrl}" />
    <meta name="twitter:image:alt" content="${alt}" />
    <script src="${assetPath('share.js')}" defer></script>`;

  const body = html`<header class="bar">
      <a href="/${options.lang === DEFAULTS.lang ? '' : `?lang=${options.lang}`}">← ${SITE_NAME}</a>
    </header>
    <main class="share">
      <figure class="card">
        <img id="preview" src="${previewPath}" width="${width}" height="${height}" alt="${alt}" />
      </figure>
      <article class="quote">
        <blockquote id="quote-text">${quote.text}</blockquote>
        <p class="by">
          — <span id="quote-speaker">${quote.speaker}</span>${attributionSeparator(quote.lang)}<span id="quote-source"
            >${quote.source}</span
          >
        </p>
        ${quote.speakerEn || quote.sourceEn ? html`<p class="by-en" lang="en">${[quote.speakerEn, quote.sourceEn, quote.date].filter(Boolean).join(', ')}</p>` : ''}
        ${quote.url ? html`<p class="source-link" lang="en"><a href="${quote.url}" rel="noopener noreferrer">Source</a></p>` : ''}
      </article>
      <form class="picker" id="picker" method="get" action="/q/${quote.id}" data-id="${quote.id}" data-base="${base}" lang="en">
        ${picker(
          'template',
          'Template',
          options.template,
          // Only the templates that set this language (see Template.langs).
          templatesFor(options.lang).map((name) => ({ value: name, label: `${name} — ${TEMPLATES[name].description}` })),
        )}
        ${picker(
          'size',
          'Size',
          options.size,
          Object.entries(SIZES).map(([name, size]) => sizeChoice(name as SizeName, size, options, fits)),
        )}
        ${picker(
          'lang',
          'Script',
          options.lang,
          // The languages this quote's cards come in: the three Chinese scripts, or its own language.
          cardLangs(quote.lang).map((lang) => ({ value: lang, label: LANG_LABEL[lang], lang: HTML_LANG[lang] })),
          defaultLang(quote.lang),
        )}
        ${picker(
          'theme',
          'Theme',
          options.theme,
          Object.keys(THEMES).map((name) => ({ value: name, label: name })),
        )}
        ${picker(
          'scale',
          'Download scale',
          String(options.scale),
          SCALES.map((scale) => scaleChoice(scale, options.size)),
        )}
        <button type="submit" class="apply">Show</button>
      </form>
      <section class="links" lang="en" aria-label="Share">
        ${copyField('page-url', 'Page link', pageUrl)} ${copyField('image-url', 'Image link', imageUrl)}
        <p>
          <a
            class="button"
            id="download"
            href="${cardPath(quote.id, 'png', options, quote.lang)}"
            download="${downloadName(quote.id, options, quote.lang)}"
            >Download PNG</a
          >
          <span id="status" class="status" role="status" aria-live="polite"></span>
        </p>
      </section>
    </main>`;

  return layout({ lang: HTML_LANG[options.lang], title: `${title} · ${SITE_NAME}`, head, body });
}

/**
 * The gallery: every quote with a lazy thumbnail, its text and a link to its
 * share page. A thumbnail is the quote's og card, or its card at `sizes[id]`
 * when the og card cannot hold the quote.
 */
export function galleryPage({
  base,
  quotes,
  lang,
  sizes = new Map(),
}: {
  base: string;
  quotes: readonly LocalizedQuote[];
  lang: Lang;
  sizes?: ReadonlyMap<string, SizeName>;
}): Html {
  const pageUrl = base + (lang === DEFAULTS.lang ? '/' : `/?lang=${lang}`);
  const { width, height } = SIZES.og;
  const description = `${quotes.length} quotations as image cards with real CJK typography: Chinese in Traditional or Simplified script, Japanese, Korean and English.`;
  const first = quotes[0];
  const head = html`<link rel="canonical" href="${pageUrl}" />
    <meta name="description" content="${description}" />
    <meta property="og:type" content="website" />
    <meta property="og:site_name" content="${SITE_NAME}" />
    <meta property="og:title" content="${SITE_NAME}" />
    <meta property="og:description" content="${description}" />
    <meta property="og:url" content="${pageUrl}" />
    ${
      first
        ? html`<meta property="og:image" content="${base}${cardPath(first.id, 'png', { lang: first.lang }, first.lang)}" />
            <meta property="og:image:width" content="${width}" />
            <meta property="og:image:height" content="${height}" />
            <meta property="og:image:type" content="image/png" />
            <meta property="og:image:alt" content="${cardAlt(first)}" />
            <meta name="twitter:card" content="summary_large_image" />`
        : ''
    }`;

  const body = html`<header class="masthead" lang="en">
      <h1>${SITE_NAME}</h1>
      <p>${description} Pick a card to share it, restyle it or download it.</p>
      <nav class="langs" aria-label="Script">
        ${CHINESE_LANGS.map((code) =>
          code === lang
            ? html`<strong lang="${HTML_LANG[code]}" aria-current="page">${LANG_LABEL[code]}</strong> `
            : html`<a lang="${HTML_LANG[code]}" href="/${code === DEFAULTS.lang ? '' : `?lang=${code}`}">${LANG_LABEL[code]}</a> `,
        )}
      </nav>
    </header>
    <main>
      <ul class="gallery">
        ${quotes.map(
          (quote) =>
            html` <li lang="${HTML_LANG[quote.lang]}">
              <a href="${sharePath(quote.id, { lang: quote.lang, size: sizes.get(quote.id) }, quote.lang)}">
                <img
                  src="${cardPath(quote.id, 'png', { lang: quote.lang, size: sizes.get(quote.id) }, quote.lang)}"
                  width="${SIZES[sizes.get(quote.id) ?? 'og'].width}"
                  height="${SIZES[sizes.get(quote.id) ?? 'og'].height}"
                  loading="lazy"
                  decoding="async"
                  alt=""
                />
                <blockquote>${quote.text}</blockquote>
                <p class="by">— ${attributionLine(quote)}</p>
              </a>
            </li>`,
        )}
      </ul>
    </main>
    <footer lang="en"><a href="/api/quotes">JSON</a> · <a href="/api/options">options</a></footer>`;

  return layout({ lang: HTML_LANG[lang], title: SITE_NAME, head, body });
}

/** A page's error in words a reader can act on, with a way back to the gallery. */
export function errorPage({ status, message }: { status: number; message: string }): Html {
  const body = html`<main class="error" lang="en">
    <h1>${status === 404 ? 'Not found' : 'Cannot show this page'}</h1>
    <p>${message}</p>
    <p><a href="/">See all quotes</a></p>
  </main>`;
  return layout({ lang: 'en', title: `${status} · ${SITE_NAME}`, head: html`<meta name="robots" content="noindex" />`, body });
}

function layout({ lang, title, head, body }: { lang: string; title: string; head: Html; body: Html }): Html {
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="${assetPath('style.css')}" />
        <link rel="icon" type="image/svg+xml" href="${assetPath('icon.svg')}" />
        ${head}
      </head>
      <body>
        ${body}
      </body>
    </html> `;
}

interface Choice {
  value: string;
  label: string;
  /** The option's language, for a script's own name. */
  lang?: string;
  /** A size's canvas, so the preview keeps its aspect ratio while it loads. */
  size?: { width: number; height: number };
  /** A scale's sizes: those it may be rendered at (see limits.ts). */
  sizes?: string[];
  /** A size's `template:lang` pairs whose card fits at that size. */
  fits?: string[];
  /** Not available with the other choices made. */
  disabled?: boolean;
}

/** A size, offered only with the templates and scripts whose card fits at it. */
function sizeChoice(name: SizeName, size: { width: number; height: number }, options: CardOptions, fits: Fits): Choice {
  const pairs = (Object.keys(fits) as Lang[]).flatMap((lang) =>
    TEMPLATE_NAMES.filter((template) => fits[lang]?.[template]?.includes(name)).map((template) => `${template}:${lang}`),
  );
  const disabled = !pairs.includes(`${options.template}:${options.lang}`);
  return { value: name, label: `${name} (${size.width}×${size.height})`, size, fits: pairs, disabled };
}

/** A scale, offered only with the sizes it stays within the pixel limit for. */
function scaleChoice(scale: number, size: SizeName): Choice {
  const sizes = (Object.keys(SIZES) as SizeName[]).filter((name) => allowedScales(name).some((allowed) => allowed === scale));
  return { value: String(scale), label: `${scale}×`, sizes, disabled: !sizes.includes(size) };
}

function picker(name: keyof CardOptions, label: string, selected: string, choices: Choice[], fallback = String(DEFAULTS[name])): Html {
  return html`<label
    >${label}
    <select name="${name}" data-default="${fallback}">
      ${choices.map(
        (choice) =>
          html`<option
            value="${choice.value}"
            ${choice.lang ? html` lang="${choice.lang}" data-html-lang="${choice.lang}"` : ''}${choice.size ? html` data-width="${choice.size.width}" data-height="${choice.size.height}"` : ''}${choice.sizes ? html` data-sizes="${choice.sizes.join(' ')}"` : ''}${choice.fits ? html` data-fits="${choice.fits.join(' ')}"` : ''}${choice.disabled ? html` disabled` : ''}${choice.value === selected ? html` selected` : ''}
          >
            ${choice.label}
          </option>`,
      )}
    </select>
  </label>`;
}

function copyField(id: string, label: string, value: string): Html {
  return html`<label for="${id}">${label}</label>
    <div class="copy">
      <input id="${id}" type="url" readonly value="${value}" /><button type="button" data-copy="${id}" hidden>Copy</button>
    </div>`;
}
