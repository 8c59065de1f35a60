import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Articles are written in Markdown (raw HTML allowed, as authors paste it), rendered, then
 * sanitised with an allow-list: what is not listed is dropped, whatever the renderer made
 * of it. No script, style, iframe, form, SVG or MathML; no event handler or style attribute
 * (a table cell's alignment becomes a Bootstrap class: the site's CSP blocks inline
 * styles); links only to http(s), mailto and tel or a path of this site; images only from
 * a path of this site (an article's own files): the CSP blocks other hosts, and a data:
 * URL (an SVG in one can carry script) is refused. Links get rel="noopener noreferrer
 * nofollow" (an article may point anywhere).
 */
const md = new MarkdownIt({ html: true, linkify: true, typographer: false });

const ALLOWED_TAGS = [
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp", "var",
  "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr",
  "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption", "details", "summary",
  "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
];

const ALIGN_CLASS: Record<string, string> = { left: "text-start", center: "text-center", right: "text-end" };
const ALIGN_CLASSES = Object.values(ALIGN_CLASS);

/** A table cell's `style="text-align:x"` (Markdown's `:---:`) as its Bootstrap class; any other style and class dropped. */
const alignCell: sanitizeHtml.Transformer = (tagName, attribs) => {
  const align = /(?:^|;)\s*text-align\s*:\s*(left|center|right)\s*(?:;|$)/i.exec(attribs.style ?? "")?.[1].toLowerCase();
  const rest = Object.fromEntries(Object.entries(attribs).filter(([name]) => name !== "style" && name !== "class"));
  return { tagName, attribs: align ? { ...rest, class: ALIGN_CLASS[align] } : rest };
};

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    abbr: ["title"],
    ol: ["start"],
    th: ["class", "colspan", "rowspan"],
    td: ["class", "colspan", "rowspan"],
    code: ["class"],
  },
  allowedClasses: { code: ["language-*"], th: ALIGN_CLASSES, td: ALIGN_CLASSES },
  allowedStyles: {},
  allowedSchemes: ["http", "https", "mailto", "tel"],
  // no scheme at all: a relative path only
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  // the text of what is dropped: kept for unknown tags, never for these
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "svg", "math", "template", "title", "head"],
  disallowedTagsMode: "discard",
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }), th: alignCell, td: alignCell },
  // an image whose address was refused is dropped rather than left as an empty frame
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
};

/** The article's HTML, safe to put in a page as it is. */
export function renderArticle(markdown: string): string {
  return sanitizeHtml(md.render(markdown), SANITIZE);
}

const TEXT_ONLY: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, nonTextTags: SANITIZE.nonTextTags };
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'", "&nbsp;": " " };
/** Back to characters: what sanitize-html escapes in text and attribute values. */
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (e) => ENTITIES[e]);

/** The article's words without Markdown or HTML marks: what the search indexes and quotes. */
export function articleText(markdown: string): string {
  const html = md.render(markdown).replace(/<\/(p|h\d|li|td|th|pre|blockquote|dt|dd)>/g, "$&\n");
  return decode(sanitizeHtml(html, TEXT_ONLY))
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}

/** Where a link of the article points, for a reader of plain text: absolute (the base URL before this site's paths), nothing for an anchor. */
function linkTarget(href: string, baseUrl: string): string | null {
  if (href.startsWith("#")) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  const base = baseUrl.replace(/\/+$/, "");
  return href.startsWith("/") ? base + href : new URL(href, `${base}/kb/articles/`).href;
}

/** An address without what a reader does not need to recognise it ("https://", "mailto:", a final "/"). */
const bare = (u: string) => u.replace(/^(?:https?:\/\/|mailto:|tel:)/i, "").replace(/\/$/, "");

/** A link of the sanitised HTML as "its words (its address)"; only the address when the words are the address. */
function linkAsText(baseUrl: string) {
  return (_m: string, href: string, inner: string): string => {
    const url = linkTarget(decode(href), baseUrl);
    if (!url) return inner;
    const words = decode(inner.replace(/<[^>]*>/g, "")).trim();
    const escaped = url.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    if (!words) return escaped;
    return bare(words) === bare(url) ? inner : `${inner} (${escaped})`;
  };
}

/** The tags that start a line of their own in text (the words around them lose their spaces and line ends). */
const LINE_TAGS = new Set([
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
  "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "details", "summary", "hr", "br",
]);
const tagOf = (part: string | undefined) => (part ? /^<\/?([a-z0-9]+)/.exec(part)?.[1] ?? "" : "");

/**
 * The article as plain text for a public reply ("Insert content"): paragraphs apart, list
 * items on their lines with their bullet or number, a table's cells split by " | ", a
 * link as "its words (its address)" so the requester can still follow it (this site's
 * paths made absolute with `baseUrl`), images left out. Built from the sanitised HTML, so
 * it says nothing a reader of the article could not see.
 */
export function replyText(markdown: string, baseUrl: string): string {
  const html = renderArticle(markdown).replace(/<a\s[^>]*?\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, linkAsText(baseUrl));
  const parts = html.split(/(<[^>]*>)/);
  const lists: (number | null)[] = [];
  let out = "";
  let atMarker = false;
  let cells = 0;
  // at least n line ends before what comes next (never fewer than already there), then the indent of a list item's next lines
  const breakLines = (n: number, indent = "") => {
    if (atMarker || !out) return;
    const tail = /[ \t\n]*$/.exec(out)![0];
    out = out.slice(0, out.length - tail.length) + "\n".repeat(Math.max(n, tail.split("\n").length - 1)) + indent;
  };
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      let text = part;
      if (LINE_TAGS.has(tagOf(parts[i - 1]))) text = text.trimStart();
      if (LINE_TAGS.has(tagOf(parts[i + 1]))) text = text.trimEnd();
      out += text;
      if (text.trim()) atMarker = false;
      return;
    }
    const name = tagOf(part);
    const closing = part.startsWith("</");
    if (name === "ul" || name === "ol") {
      if (closing) lists.pop();
      else lists.push(name === "ol" ? Number(/\sstart="(\d+)"/.exec(part)?.[1] ?? 1) : null);
      // a list apart from the paragraphs around it; a list inside an item stays in its lines
      if (!lists.length || (!closing && lists.length === 1)) breakLines(2);
    } else if (name === "li" && !closing) {
      breakLines(1);
      const n = lists.at(-1);
      out += "   ".repeat(Math.max(lists.length - 1, 0)) + (n == null ? "- " : `${n}. `);
      if (n != null) lists[lists.length - 1] = n + 1;
      atMarker = true;
    } else if (name === "br") {
      out += "\n";
    } else if (name === "tr" && !closing) {
      breakLines(1);
      cells = 0;
    } else if (name === "td" || name === "th") {
      if (!closing && cells++) out += " | ";
    } else if (LINE_TAGS.has(name) && name !== "li") {
      if (lists.length) breakLines(1, "   ".repeat(lists.length));
      else breakLines(["dt", "dd", "tr", "thead", "tbody", "tfoot"].includes(name) ? 1 : 2);
    }
  });
  return decode(out).replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * Plain text typed without Markdown in mind (a ticket's description, a problem's
 * workaround) as Markdown that renders the same words: a "<" stays a character
 * ("C:\Users\<name>" would otherwise start an HTML tag the sanitiser drops), a backslash
 * escapes nothing, Markdown's marks stay characters (emphasis, code, links, tables, an
 * entity; a heading, quote, list or rule starting a line), an indented line is not a code
 * block, and a line break inside a paragraph stays a line break.
 */
export function plainToMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").trim().split("\n").map((l) => escapeLine(l.trim()));
  return lines.map((l, i) => (l && lines[i + 1] ? `${l}  ` : l)).join("\n");
}

/**
 * What Markdown reads as formatting anywhere in a line: a backslash before punctuation,
 * `*`, a backtick, `<`, `|`, `~~`, an entity, an `_` at a word's edge (inside a word, as in
 * file_name.txt, it is a character already), `](` or `][` of a link.
 */
const INLINE_MARKS = /\\(?=[!-/:-@[-`{-~])|[*`<|]|~(?=~)|(?<=~)~|&(?=#?[a-z0-9]+;)|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|\](?=[([])/giu;

function escapeLine(line: string): string {
  return line.replace(INLINE_MARKS, "\\$&")
    // a heading, a quote, a list, a rule or a heading's underline opening the line
    .replace(/^[#>+=-]/, "\\$&")
    .replace(/^(\d{1,9})([.)])/, "$1\\$2")
    // a link definition ("[id]: https://…") would turn "[id]" elsewhere into a link
    .replace(/^\[(?=[^\]]*\]:)/, "\\[");
}
