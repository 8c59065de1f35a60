import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Articles are written in Markdown (raw HTML allowed, as authors paste it), rendered, then
 * sanitised with an allow-list: what is not listed is dropped, whatever the renderer made
 * of it. No script, style, iframe, form, SVG or MathML; no event handler or style attribute
 * (but a table cell's alignment); links only to http(s), mailto and tel or a path of this
 * site; images only from http(s) or a path of this site (an article's own files), never a
 * data: URL (an SVG in a data: URL can carry script). Links get rel="noopener noreferrer
 * nofollow" (an article may point anywhere).
 */
const md = new MarkdownIt({ html: true, linkify: true, typographer: false });

const ALLOWED_TAGS = [
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp", "var",
  "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr",
  "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption", "details", "summary",
  "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    abbr: ["title"],
    ol: ["start"],
    th: ["style", "colspan", "rowspan"],
    td: ["style", "colspan", "rowspan"],
    code: ["class"],
  },
  allowedClasses: { code: ["language-*"] },
  allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  // the text of what is dropped: kept for unknown tags, never for these
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "svg", "math", "template", "title", "head"],
  disallowedTagsMode: "discard",
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }) },
};

/** The article's HTML, safe to put in a page as it is. */
export function renderArticle(markdown: string): string {
  return sanitizeHtml(md.render(markdown), SANITIZE);
}

const TEXT_ONLY: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, nonTextTags: SANITIZE.nonTextTags };
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'", "&nbsp;": " " };

/** The article's words without Markdown or HTML marks: what the search indexes and quotes. */
export function articleText(markdown: string): string {
  const html = md.render(markdown).replace(/<\/(p|h\d|li|td|th|pre|blockquote|dt|dd)>/g, "$&\n");
  return sanitizeHtml(html, TEXT_ONLY)
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (e) => ENTITIES[e])
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}
