/**
 * Every figure of the dashboard and of GET /api/v1/reports/kpis, with its unit and its
 * definition in both languages: the one place they are written (the README's table is
 * checked against this file by a test). The "?" next to a figure shows its definition.
 *
 * Shared rules, said once here and referred to below:
 * - Period: from the first day 00:00 to the last day 24:00, in the reader's time zone.
 * - "Resolved in the period": tickets resolved or closed now whose latest resolution falls
 *   in the period (a ticket reopened and not resolved again is not counted until it is; a
 *   duplicate merged into another ticket is not counted: the one it joined is).
 * - Business time: on the calendar of the ticket's priority (Mon-Fri 08:00-18:00 with its
 *   holidays; P1 around the clock, by default), only while the SLA clock ran (time waiting
 *   in "pending" is left out).
 * - Median: the middle value (the mean of the two middle ones for an even count);
 *   90th percentile: the smallest value at or above 90 % of them (nearest rank).
 */
export type KpiUnit = "count" | "percent" | "minutes" | "score";

export interface KpiDefinition {
  unit: KpiUnit;
  en: string;
  fr: string;
}

const RESOLVED = { en: "tickets resolved in the period", fr: "tickets résolus sur la période" };

export const KPI_DEFINITIONS = {
  backlog: { unit: "count", en: "Open tickets now (new, open, pending or escalated), whatever the period.", fr: "Tickets ouverts en ce moment (nouveaux, en cours, en attente ou escaladés), quelle que soit la période." },
  unassigned: { unit: "count", en: "Open tickets now that nobody holds.", fr: "Tickets ouverts en ce moment que personne n’a pris." },
  pending: { unit: "count", en: "Open tickets now waiting in “pending” (on the requester, a third party, a change or an approval).", fr: "Tickets ouverts en ce moment en attente (du demandeur, d’un tiers, d’un changement ou d’une approbation)." },
  stale: { unit: "count", en: "Open tickets now without public activity for longer than their tier's stale threshold.", fr: "Tickets ouverts en ce moment sans activité publique depuis plus que le seuil d’inactivité de leur niveau." },
  createdCount: { unit: "count", en: "Tickets created in the period.", fr: "Tickets créés sur la période." },
  resolvedCount: { unit: "count", en: `Number of ${RESOLVED.en} (latest resolution in the period).`, fr: `Nombre de ${RESOLVED.fr} (dernière résolution dans la période).` },
  firstResponseMedian: { unit: "minutes", en: `Median business time from creation to the first response (the first public reply or change of status by staff, such as taking the ticket), over the ${RESOLVED.en} that had one.`, fr: `Médiane du temps ouvré entre la création et la première réponse (la première réponse publique ou le premier changement de statut par un technicien, comme la prise en charge), sur les ${RESOLVED.fr} qui en ont eu une.` },
  firstResponseP90: { unit: "minutes", en: "90th percentile of the same first response times.", fr: "90ᵉ centile des mêmes temps de première réponse." },
  resolutionMedian: { unit: "minutes", en: `Median business time from creation to the latest resolution (the time it stood resolved before a reopen left out), over the ${RESOLVED.en}.`, fr: `Médiane du temps ouvré entre la création et la dernière résolution (sans le temps passé résolu avant une réouverture), sur les ${RESOLVED.fr}.` },
  resolutionP90: { unit: "minutes", en: "90th percentile of the same resolution times.", fr: "90ᵉ centile des mêmes temps de résolution." },
  slaResponseCompliance: { unit: "percent", en: `Share of the ${RESOLVED.en} with a first response that came before their SLA first-response target was reached.`, fr: `Part des ${RESOLVED.fr} avec une première réponse donnée avant que la cible SLA de première réponse soit atteinte.` },
  slaResolutionCompliance: { unit: "percent", en: `Share of the ${RESOLVED.en} resolved before their SLA resolution target was reached.`, fr: `Part des ${RESOLVED.fr} résolus avant que leur cible SLA de résolution soit atteinte.` },
  fcrRate: { unit: "percent", en: `First-contact resolution: share of the ${RESOLVED.en} resolved at tier 1 by their first assignee, never escalated, never reopened, and not resolved in bulk with their major incident or problem.`, fr: `Résolution au premier contact\u00a0: part des ${RESOLVED.fr} résolus au niveau 1 par la première personne à qui ils ont été attribués, jamais escaladés, jamais rouverts, et non résolus en bloc avec leur incident majeur ou leur problème.` },
  reopenRate: { unit: "percent", en: `Share of the ${RESOLVED.en} that had been reopened at least once.`, fr: `Part des ${RESOLVED.fr} qui avaient été rouverts au moins une fois.` },
  escalationRate: { unit: "percent", en: `Share of the ${RESOLVED.en} escalated to a higher tier at least once.`, fr: `Part des ${RESOLVED.fr} escaladés au moins une fois vers un niveau supérieur.` },
  tierTime: { unit: "minutes", en: `Average business time spent at a tier by the ${RESOLVED.en} that spent some there, from the history of escalations and de-escalations.`, fr: `Temps ouvré moyen passé à un niveau par les ${RESOLVED.fr} qui y ont passé du temps, d’après l’historique des escalades et désescalades.` },
  tierTimeMedian: { unit: "minutes", en: "Median of the same times spent at the tier.", fr: "Médiane des mêmes temps passés au niveau." },
  kbSolvedCount: { unit: "count", en: `Of the ${RESOLVED.en}, those marked “solved with” a knowledge-base article.`, fr: `Parmi les ${RESOLVED.fr}, ceux marqués «\u00a0résolu avec\u00a0» un article de la base de connaissances.` },
  kbDeflections: { unit: "count", en: "Times an employee said an article solved their problem instead of sending a ticket, in the period, all groups together (an article belongs to no group, tier or category: with one of those filters there is no figure).", fr: "Nombre de fois où un employé a indiqué qu’un article avait résolu son problème au lieu d’envoyer un ticket, sur la période, tous groupes confondus (un article n’appartient à aucun groupe, niveau ou catégorie\u00a0: avec l’un de ces filtres, il n’y a pas de chiffre)." },
  csatAverage: { unit: "score", en: `Average satisfaction rating (1 to 5) given by requesters to the ${RESOLVED.en}.`, fr: `Note moyenne de satisfaction (1 à 5) donnée par les demandeurs aux ${RESOLVED.fr}.` },
  csatResponses: { unit: "count", en: `Number of the ${RESOLVED.en} whose requester gave a rating.`, fr: `Nombre des ${RESOLVED.fr} dont le demandeur a donné une note.` },
  agentOpen: { unit: "count", en: "Open tickets each person holds now (their load).", fr: "Tickets ouverts que chaque personne détient en ce moment (sa charge)." },
  agentResolved: { unit: "count", en: `Of the ${RESOLVED.en}, those each person held when they were resolved.`, fr: `Parmi les ${RESOLVED.fr}, ceux que chaque personne détenait à leur résolution.` },
  agentResolutionMedian: { unit: "minutes", en: "Median resolution time of the tickets each person resolved in the period.", fr: "Temps de résolution médian des tickets que chaque personne a résolus sur la période." },
  aging: { unit: "count", en: "Open tickets now by their age: now minus creation, in days of 24 hours (0–1: under 24 hours; 30+: 30 days or more).", fr: "Tickets ouverts en ce moment selon leur âge\u00a0: maintenant moins la création, en jours de 24\u00a0heures (0–1\u00a0: moins de 24\u00a0heures\u00a0; 30\u00a0j et plus\u00a0: 30\u00a0jours ou plus)." },
} satisfies Record<string, KpiDefinition>;

export type KpiName = keyof typeof KPI_DEFINITIONS;
export const KPI_NAMES = Object.keys(KPI_DEFINITIONS) as KpiName[];

export function definitionOf(name: KpiName, lang: string): string {
  const d = KPI_DEFINITIONS[name];
  return lang.startsWith("fr") ? d.fr : d.en;
}
