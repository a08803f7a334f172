/**
 * URL-bearing attributes: the one table of where a URL can run script, and the check that keeps
 * such URLs out of the page (invariant 7, "Escaped by default" in ARCHITECTURE.md). A refused URL
 * becomes BLOCKED_URL.
 *
 * What runs script: `javascript:` and `vbscript:` URLs anywhere a browser loads or navigates;
 * `data:` URLs of a type a browser renders as a document (HTML, SVG, XML) where one can be
 * loaded (a frame, an object, an embed, a link followed into a frame: the script runs in an
 * opaque origin, still script of the attacker's). Browsers block top-level navigation to
 * `data:`, but not these. So `data:` is allowed only for types that cannot hold script
 * (plain text, CSV, JSON, raster images, audio, video) and, where only an image is loaded, for
 * any image type.
 */

/** What a refused URL is replaced with: inert, and visible in the DOM for debugging. */
export const BLOCKED_URL = "about:blank#blocked";

// Attributes that hold one URL on any element (lowercased, as the parser reads names).
const URL_ATTRIBUTES = new Set([
  "href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background", "data", "ping", "manifest",
  "codebase", "archive", "longdesc", "usemap", "lowsrc", "dynsrc", "profile", "classid", "icon",
]);

// Attributes whose value is several URLs: an image candidate list (separated by ",").
const URL_LISTS = new Set(["srcset", "imagesrcset"]);

// SVG animation elements (lowercased): their `to`, `from`, `by` and `values` set another
// attribute, `href` among them, so they are checked as URLs on these elements, whatever
// attributeName says (simpler, and nothing legitimate animates to a script URL).
const ANIMATIONS = new Set(["animate", "set", "animatemotion", "animatetransform", "animatecolor"]);
const ANIMATION_VALUES = new Set(["to", "from", "by", "values"]);

/**
 * Whether only an image is loaded from this attribute of this element (both lowercased): there
 * any image type may be a data: URL (an SVG image runs no script). Image candidate lists are too.
 */
function isImageContext(element: string, name: string): boolean {
  switch (element) {
    case "img": case "input": return name === "src";
    case "video": return name === "poster";
    case "image": case "feimage": return name === "href" || name === "xlink:href";
    default: return name === "background";
  }
}

/** Whether an attribute may hold a URL on some element (`lowerName` lowercased): its values are checked by checkUrlAttribute. */
export function isUrlAttribute(lowerName: string): boolean {
  return URL_ATTRIBUTES.has(lowerName) || URL_LISTS.has(lowerName) || ANIMATION_VALUES.has(lowerName) || lowerName === "content";
}

/**
 * The value an attribute keeps: `value` itself, or BLOCKED_URL if it holds a URL that could run
 * script on this element. `lowerName` is lowercased and isUrlAttribute holds for it.
 */
export function checkUrlAttribute(tag: string, lowerName: string, value: string): string {
  const element = tag.toLowerCase();
  if (URL_ATTRIBUTES.has(lowerName)) {
    return isSafeUrl(value, isImageContext(element, lowerName)) ? value : BLOCKED_URL;
  }
  if (URL_LISTS.has(lowerName)) return allSafe(value.split(","), true) ? value : BLOCKED_URL;
  if (ANIMATION_VALUES.has(lowerName)) {
    if (!ANIMATIONS.has(element)) return value;
    return allSafe(lowerName === "values" ? value.split(";") : [value], false) ? value : BLOCKED_URL;
  }
  // `content`: a URL only in <meta http-equiv="refresh" content="0; url=…">, checked on every <meta>.
  if (element !== "meta") return value;
  return isSafeUrl(value.replace(REFRESH_DELAY, ""), false) ? value : BLOCKED_URL;
}

// What comes before the URL in a refresh: a delay, a `;` or `,`, `url=`, a quote (each optional).
const REFRESH_DELAY = /^[\s\d.]*[;,]?\s*(?:url\s*=\s*)?["']?/i;

// The URL parser ignores leading C0 controls and spaces, and ASCII tabs and newlines anywhere;
// schemes are case-insensitive. `java\tscript:`, ` JAVASCRIPT:` and `\u0001vbscript:` all run.
const SCRIPT_URL = /^[\u0000-\u0020]*(?:j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a|v[\t\n\r]*b)[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:/i;
const DATA_URL = /^[\u0000-\u0020]*d[\t\n\r]*a[\t\n\r]*t[\t\n\r]*a[\t\n\r]*:/i;

// data: types that hold no script wherever they are loaded ("" is text/plain, the default).
const INERT_DATA = /^(?:|text\/(?:plain|csv|vtt)|application\/(?:json|octet-stream)|image\/(?:png|gif|jpe?g|webp|avif|bmp|x-icon|vnd\.microsoft\.icon)|(?:audio|video)\/[a-z0-9.+-]+)$/;
const IMAGE_DATA = /^image\/[a-z0-9.+-]+$/;

/** Whether a URL can run no script: not javascript: or vbscript:, and a data: URL only of an inert type (any image type in an image context). */
export function isSafeUrl(url: string, image: boolean): boolean {
  if (SCRIPT_URL.test(url)) return false;
  if (!DATA_URL.test(url)) return true;
  const type = dataType(url);
  return INERT_DATA.test(type) || (image && IMAGE_DATA.test(type));
}

function allSafe(urls: readonly string[], image: boolean): boolean {
  for (let i = 0; i < urls.length; i++) if (!isSafeUrl(urls[i], image)) return false;
  return true;
}

/** The media type of a data: URL as a browser reads it: before the first `,` and `;`, trimmed, lowercased. */
function dataType(url: string): string {
  const clean = url.replace(/[\t\n\r]/g, "");
  const start = clean.indexOf(":") + 1;
  const comma = clean.indexOf(",", start);
  const type = clean.slice(start, comma < 0 ? clean.length : comma);
  const semicolon = type.indexOf(";");
  return (semicolon < 0 ? type : type.slice(0, semicolon)).trim().toLowerCase();
}
