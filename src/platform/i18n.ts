import i18next, { type TFunction } from "i18next";
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

const fixed = new Map<Locale, TFunction>();
export function translator(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = i18next.getFixedT(locale);
    fixed.set(locale, t);
  }
  return t;
}
