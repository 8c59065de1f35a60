import type { Page } from "playwright-core";
import { groupId, N1 } from "../factories";
import type { Deps } from "../../src/platform/deps";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { MailOutboxRow } from "../../src/platform/mail";
import { createAsset, type Asset, type CreateAssetInput } from "../../src/modules/assets";
import { createItem, itemSchema } from "../../src/modules/catalog";
import type { CatalogItem } from "../../src/modules/catalog/catalog.entity";
import { STRINGS, escapeRegExp, expectFlash, openAction, squash, type Lang } from "./helpers";

/** A label as read out: the required mark adds " (required)" to the accessible name. */
export const labelled = (label: string) => new RegExp(`^${escapeRegExp(label)}`);

/** A sentence of the UI with some of its values not known in advance (a date as formatted): any text there. */
export const sentence = (template: string, vars: Record<string, string | number>) => new RegExp(escapeRegExp(squash(template))
  .replace(/\\\{\\\{(\w+)\\\}\\\}/g, (_m, k: string) => (k in vars ? escapeRegExp(String(vars[k])) : ".+"))
  // any white space, the no-break spaces of French typography too
  .replace(/ /g, "\\s+"));

/** The asset history's sentences start with a capital. */
export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Takes the ticket open in `page` and resolves it with `resolution`. */
export async function takeAndResolve(page: Page, lang: Lang, resolution: string): Promise<void> {
  const L = STRINGS[lang];
  await page.getByRole("button", { name: L.action.take, exact: true }).click();
  await expectFlash(page, L.flash.take);
  await openAction(page, L.action.resolve);
  await page.getByLabel(L.ticket.resolution_code).selectOption({ label: L.resolution_code.fixed });
  await page.getByLabel(L.ticket.resolution_text).fill(resolution);
  await page.getByRole("button", { name: L.action.resolve, exact: true }).click();
  await expectFlash(page, L.flash.resolve);
}

/** A catalog item through the catalog's own command, fulfilled by N1 unless told otherwise. */
export async function makeCatalogItem(deps: Deps, over: Record<string, unknown>): Promise<CatalogItem> {
  return createItem(deps, SYSTEM_ACTOR, itemSchema.parse({ groupId: await groupId(deps, N1), ...over }));
}

export type AssetInput = Omit<CreateAssetInput, "type"> & { type?: string };

/** An asset through the inventory's own command (its history starts with "added to the inventory"), a laptop in Lyon unless told otherwise. */
export function makeAsset(deps: Deps, input: AssetInput): Promise<Asset> {
  return createAsset(deps, SYSTEM_ACTOR, { type: "laptop", location: "Lyon", ...input });
}

/** The approval email's Approve link (its path: the test server is not the configured base URL), once the outbox has it. */
export async function approveLink(deps: Deps, to: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const mail = await deps.db.getRepository(MailOutboxRow).findOneBy({ toAddress: to, template: "approval-requested" });
    const path = mail ? /href="[^"]*?(\/approvals\/email\/\d+\.a\.[^"]+)"/.exec(mail.html)?.[1] : undefined;
    if (path) return path;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no approval email to ${to}`);
}

/**
 * The people, items and words of the catalog journey in each language: what an admin would
 * have typed in the catalog and what employees type in the forms (French with its typography).
 */
export function catalogJourneyText(lang: Lang) {
  return lang === "en"
    ? {
      employee: "Emma Martin", boss: "Bruno Marchal", n1: "Nico Dupont", n2: "Sam Leroy", facilities: "Farid Haddad", newcomer: "Hugo Moreau",
      equipment: "Equipment", equipmentHint: "Computers, screens and everything that plugs in.", people: "People",
      laptop: {
        name: "New laptop", description: "A laptop prepared by IT, with your usual software.",
        model: "Model", neededBy: "Needed by", neededByHelp: "The day you need it at the latest.", screen: "I also need a second screen",
        usage: "What will you use it for?", usageAnswer: "Video editing for the marketing team:\nPremiere Pro and large 4K files.",
      },
      arrival: {
        name: "New employee arrival", description: "Everything a newcomer needs on day one: laptop, accounts, badge.",
        who: "Name of the newcomer", start: "First day",
        tasks: ["Prepare the laptop", "Create the accounts", "Activate the badge"],
      },
      incident: { title: "My laptop will not start", description: "The power light blinks orange three times, then nothing. Same as last week." },
      resolution: "ThinkPad handed over with the usual software installed.",
      taskResolutions: ["Laptop imaged and labelled.", "AD, email and VPN accounts created.", "Badge activated for the Lyon site."],
      oldIncidents: ["Laptop does not start", "Laptop freezes at the login screen", "Laptop battery does not charge"],
    }
    : {
      employee: "Élodie Bernard", boss: "Benoît Lefèvre", n1: "Noël Girard", n2: "Séverine Roux", facilities: "Fatou Diallo", newcomer: "Théo Mercier",
      equipment: "Matériel", equipmentHint: "Ordinateurs, écrans et tout ce qui se branche.", people: "Personnes",
      laptop: {
        name: "Nouvel ordinateur portable", description: "Un portable préparé par l’informatique, avec vos logiciels habituels.",
        model: "Modèle", neededBy: "Pour le", neededByHelp: "Le jour où il vous le faut au plus tard.", screen: "J’ai aussi besoin d’un second écran",
        usage: "Pour quel usage\u00a0?", usageAnswer: "Montage vidéo pour l’équipe marketing\u00a0:\nPremiere Pro et gros fichiers 4K.",
      },
      arrival: {
        name: "Arrivée d’un nouveau salarié", description: "Tout ce qu’il faut le premier jour\u00a0: portable, comptes, badge.",
        who: "Nom de la nouvelle recrue", start: "Premier jour",
        tasks: ["Préparer l’ordinateur portable", "Créer les comptes", "Activer le badge"],
      },
      incident: { title: "Mon portable ne démarre plus", description: "Le voyant clignote trois fois en orange, puis plus rien. Comme la semaine dernière." },
      resolution: "ThinkPad remis avec les logiciels habituels installés.",
      taskResolutions: ["Portable installé et étiqueté.", "Comptes AD, messagerie et VPN créés.", "Badge activé pour le site de Lyon."],
      oldIncidents: ["Le portable ne démarre pas", "Le portable se fige à l’écran de connexion", "La batterie du portable ne charge plus"],
    };
}
