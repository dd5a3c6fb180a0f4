import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { TEMPLATES, TEMPLATE_NAMES, type TemplateName } from '../../templates/index.ts';
import { allowedScales } from '../cards/limits.ts';
import { CHINESE_LANGS, DEFAULTS, SCALES, SIZES, THEMES, cardLangs, defaultLang, type Lang, type SizeName } from '../cards/options.ts';
import { templatesFor } from '../cards/identity.ts';
import type { CardOptions } from '../cards/render.ts';
import { attributionLine, attributionSeparator, cardAlt, clip, quoteLine, titleLine, type LocalizedQuote } from '../cards/localize.ts';
import type { Assets } from './assets.ts';
import { HTML_LANG, LANG_LABEL, OG_LOCALE, downloadName, galleryPath, oembedPath, sharePath } from './urls.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The site's name, in titles and og:site_name. */
export const SITE_NAME = 'quote-cards';

/**
 * The rendition widths (px) of the gallery's thumbnails, in its srcset; the
 * first is the plain src. A gallery column is at most about 23rem (368 px)
 * wide, so a screen of density 1 takes 400, of density 2 640 or 800.
 */
export const GALLERY_WIDTHS = [400, 640, 800] as const;

/** The content-addressed image URLs of a share page (paths; see cardUrl). */
export interface ShareLinks {
  /** The chosen card at scale 1. */
  preview: string;
  /** The chosen card at the chosen scale: the download and the image link. */
  download: string;
  /** The card for unfurls (og:image; see unfurlCard), with its pixel size. */
  og: { url: string; width: number; height: number };
  /** The hash of each card the picker can choose, by address stem, for the live preview. */
  hashes: Record<string, string>;
}

/**
 * A page's title: speaker：「the text's first 32 characters」, or speaker: “…”
 * in Korean and English (titleLine). The share script writes the same one for
 * the Chinese scripts, the only ones a page switches between.
 */
export function pageTitle(quote: LocalizedQuote): string {
  return titleLine({ ...quote, text: clip(quote.text, 32) });
}

/** For each script and template, the sizes at which the quote's card fits. */
export type Fits = Partial<Record<Lang, Record<TemplateName, SizeName[]>>>;

/**
 * The share page of one quote: real text, the card, every tag link previews
 * read, and the picker, which offers only the sizes whose card fits (`fits`).
 */
export function sharePage({
  assets,
  base,
  quote,
  options,
  links,
  fits,
}: {
  assets: Assets;
  base: string;
  quote: LocalizedQuote;
  options: CardOptions;
  links: ShareLinks;
  fits: Fits;
}): Html {
  const { width, height } = SIZES[options.size];
  const pageUrl = base + sharePath(quote.id, options, quote.lang);
  const imageUrl = base + links.download;
  const ogImageUrl = base + links.og.url;
  const title = pageTitle(quote);
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
    <meta property="og:image" content="${ogImageUrl}" />
    <meta property="og:image:width" content="${links.og.width}" />
    <meta property="og:image:height" content="${links.og.height}" />
    <meta property="og:image:type" content="image/png" />
    <meta property="og:image:alt" content="${alt}" />
    <meta name="twitter:card" content="summary_large_image" />
    <meta name="twitter:title" content="${title}" />
    <meta name="twitter:description" content="${description}" />
    <meta name="twitter:image" content="${ogImageUrl}" />
    <meta name="twitter:image:alt" content="${alt}" />
    <script src="${assets.path('share.js')}" defer></script>`;

  const body = html`<header class="bar">
      <a href="${galleryPath(options.lang)}">← ${SITE_NAME}</a>
    </header>
    <main class="share">
      <figure class="card">
        <img id="preview" class="${options.size}" src="${links.preview}" width="${width}" height="${height}" alt="${alt}" />
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
      <form
        class="picker"
        id="picker"
        method="get"
        action="/q/${quote.id}"
        data-id="${quote.id}"
        data-base="${base}"
        data-cards="${JSON.stringify(links.hashes)}"
        lang="en"
      >
        ${picker(
          'template',
          'Template',
          options.template,
          // Only the templates that set this language (see Template.langs).
          templatesFor(options.lang).map((name) => ({ value: name, label: name, description: TEMPLATES[name].description })),
        )}
        <p class="hint" id="template-description">${TEMPLATES[options.template].description}</p>
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
          <a class="button" id="download" href="${links.download}" download="${downloadName(quote.id, options)}">Download PNG</a>
          <span id="status" class="status" role="status" aria-live="polite"></span>
        </p>
      </section>
    </main>`;

  return layout({ assets, lang: HTML_LANG[options.lang], title: `${title} · ${SITE_NAME}`, head, body });
}

/**
 * One quote of the gallery: its text, the size its thumbnail shows (og, or a
 * size that fits when the og card cannot hold the quote), that card's
 * renditions (GALLERY_WIDTHS) and the card itself (paths).
 */
export interface GalleryCard {
  quote: LocalizedQuote;
  size: SizeName;
  thumbnails: { width: number; url: string }[];
  og: string;
}

/** The gallery: every quote with a small lazy thumbnail (srcset of renditions), its text and a link to its share page. */
export function galleryPage({
  assets,
  base,
  cards,
  lang,
}: {
  assets: Assets;
  base: string;
  cards: readonly GalleryCard[];
  lang: Lang;
}): Html {
  const pageUrl = base + galleryPath(lang);
  const description = `${cards.length} quotations as image cards with real CJK typography: Chinese in Traditional or Simplified script, Japanese, Korean and English.`;
  const first = cards[0];
  const head = html`<link rel="canonical" href="${pageUrl}" />
    <meta name="description" content="${description}" />
    <meta property="og:type" content="website" />
    <meta property="og:site_name" content="${SITE_NAME}" />
    <meta property="og:title" content="${SITE_NAME}" />
    <meta property="og:description" content="${description}" />
    <meta property="og:url" content="${pageUrl}" />
    ${
      first
        ? html`<meta property="og:image" content="${base}${first.og}" />
            <meta property="og:image:width" content="${SIZES[first.size].width}" />
            <meta property="og:image:height" content="${SIZES[first.size].height}" />
            <meta property="og:image:type" content="image/png" />
            <meta property="og:image:alt" content="${cardAlt(first.quote)}" />
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
            : html`<a lang="${HTML_LANG[code]}" href="${galleryPath(code)}">${LANG_LABEL[code]}</a> `,
        )}
      </nav>
    </header>
    <main>
      <ul class="gallery">
        ${cards.map(
          ({ quote, size, thumbnails }) =>
            html` <li lang="${HTML_LANG[quote.lang]}">
              <a href="${sharePath(quote.id, { lang: quote.lang, size }, quote.lang)}">
                <img
                  src="${thumbnails[0]?.url}"
                  srcset="${thumbnails.map((thumbnail) => `${thumbnail.url} ${thumbnail.width}w`).join(', ')}"
                  sizes="(min-width: 48rem) 23rem, 100vw"
                  width="${SIZES[size].width}"
                  height="${SIZES[size].height}"
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

  return layout({ assets, lang: HTML_LANG[lang], title: SITE_NAME, head, body });
}

/** A page's error in words a reader can act on, with a way back to the gallery. */
export function errorPage(assets: Assets, { status, message }: { status: number; message: string }): Html {
  const body = html`<main class="error" lang="en">
    <h1>${status === 404 ? 'Not found' : 'Cannot show this page'}</h1>
    <p>${message}</p>
    <p><a href="/">See all quotes</a></p>
  </main>`;
  return layout({ assets, lang: 'en', title: `${status} · ${SITE_NAME}`, head: html`<meta name="robots" content="noindex" />`, body });
}

function layout({ assets, lang, title, head, body }: { assets: Assets; lang: string; title: string; head: Html; body: Html }): Html {
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="${assets.path('style.css')}" />
        <link rel="icon" type="image/svg+xml" href="${assets.path('icon.svg')}" />
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
  /** What the choice means, shown under the picker (templates). */
  description?: string;
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
            ${choice.lang ? html` lang="${choice.lang}" data-html-lang="${choice.lang}"` : ''}${choice.size ? html` data-width="${choice.size.width}" data-height="${choice.size.height}"` : ''}${choice.sizes ? html` data-sizes="${choice.sizes.join(' ')}"` : ''}${choice.description ? html` data-description="${choice.description}"` : ''}${choice.fits ? html` data-fits="${choice.fits.join(' ')}"` : ''}${choice.disabled ? html` disabled` : ''}${choice.value === selected ? html` selected` : ''}
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
