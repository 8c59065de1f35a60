import i18next from "i18next";
import { LanguageDetector } from "i18next-http-middleware";
import type { Request, Response } from "express";
import { en } from "../locales/en";
import { fr } from "../locales/fr";

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "lang";

export async function initI18n(defaultLocale: Locale): Promise<void> {
  if (i18next.isInitialized) return;
  await i18next.init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: defaultLocale,
    fallbackLng: defaultLocale,
    supportedLngs: [...LOCALES],
    // EJS escapes on output (<%= %>): escaping here too would double it
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

let detector: LanguageDetector | undefined;

/** The language switch (cookie), then Accept-Language, then the default. The user's setting wins later. */
export function detectLocale(req: Request, res: Response, fallback: Locale): Locale {
  detector ??= new LanguageDetector(i18next.services, { order: ["cookie", "header"], lookupCookie: LOCALE_COOKIE, caches: false });
  const found = detector.detect(req, res, ["cookie", "header"]);
  const list = Array.isArray(found) ? found : [found];
  for (const l of list) {
    const base = String(l ?? "").slice(0, 2).toLowerCase();
    if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return fallback;
}

/** t(key, params): what views, presenters and errors call. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

const translators = new Map<Locale, Translate>();

/**
 * A fast t() for our flat use of i18next (no plurals, no nesting, values already
 * escaped by EJS): templates are looked up once per key and locale, then only the
 * {{placeholders}} are filled. i18next's own t() costs ~20 µs a call, and a queue page
 * makes a hundred of them.
 */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (t) return t;
  const templates = new Map<string, string>();
  const slow = i18next.getFixedT(locale);
  t = (key, params) => {
    let tpl = templates.get(key);
    if (tpl === undefined) {
      // read the raw template: i18next fills {{x}} it is not given with nothing
      const raw = i18next.getResource(locale, "translation", key) ?? i18next.getResource("en", "translation", key);
      tpl = typeof raw === "string" ? raw : String(slow(key));
      templates.set(key, tpl);
    }
    if (!params || !tpl.includes("{{")) return tpl;
    return tpl.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => (params[name] == null ? "" : String(params[name])));
  };
  translators.set(locale, t);
  return t;
}
