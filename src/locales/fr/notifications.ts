import type { Shape } from "../shape";
import type { notifications as en } from "../en/notifications";

/** French strings of the notifications: the same keys as en/notifications.ts. */
// French typography: a no-break space (U+00A0) before : ? ! ; % and inside « ».
export const notifications: Shape<typeof en> = {
  title: "Notifications",
  intro: "Ce qui demande votre attention sur les tickets que vous traitez, du plus récent au plus ancien. Ouvrir une notification la marque comme lue.",
  bell: { label: "Notifications", unread: ", non lues\u00a0: {{count}}" },
  new: "Nouveau",
  unread_count: "Non lues\u00a0: {{count}}",
  read_all: "Tout marquer comme lu",
  empty: "Aucune notification pour l’instant.",
  pages: { label: "Pages de notifications", first: "Les plus récentes", next: "Notifications plus anciennes" },
  flash: { read_all: "Toutes les notifications sont marquées comme lues.", prefs_saved: "Préférences de notification enregistrées." },
  kinds: {
    sla_warning: "{{number}} «\u00a0{{title}}\u00a0»\u00a0: le délai de {{target}} est consommé à {{percent}}\u00a0% — échéance le {{due}}",
    sla_breach: "{{number}} «\u00a0{{title}}\u00a0»\u00a0: délai de {{target}} dépassé (échéance le {{due}})",
    ticket_escalated_auto: "{{number}} «\u00a0{{title}}\u00a0» escaladé automatiquement en N{{tier}}\u00a0: délai de résolution dépassé",
    stale_digest: "{{count}} tickets que vous suivez sont sans activité publique depuis un moment\u00a0: {{numbers}}",
    unassigned: "{{count}}\u00a0tickets attendent dans votre groupe sans personne assignée\u00a0: {{numbers}}",
    pending_reminder: "{{number}} «\u00a0{{title}}\u00a0» attend votre réponse (relance {{count}})",
    pending_resolved: "{{number}} «\u00a0{{title}}\u00a0» a été résolu sans votre réponse après {{days}} jours ouvrés d’attente",
    ticket_auto_closed: "{{number}} «\u00a0{{title}}\u00a0» a été clôturé automatiquement {{days}} jours après sa résolution",
    ticket_created: "{{number}} «\u00a0{{title}}\u00a0» est enregistré\u00a0: le support va le prendre en charge",
    ticket_reply: "{{name}} a répondu sur {{number}} «\u00a0{{title}}\u00a0»",
    ticket_pending: "{{number}} «\u00a0{{title}}\u00a0» attend votre réponse",
    ticket_resolved: "{{number}} «\u00a0{{title}}\u00a0» est résolu\u00a0: confirmez que cela fonctionne ou rouvrez-le",
    ticket_closed: "{{number}} «\u00a0{{title}}\u00a0» est clôturé",
    ticket_escalated: "{{name}} a escaladé {{number}} «\u00a0{{title}}\u00a0» en N{{tier}} ({{group}})",
    major_update: "Point sur l’incident majeur «\u00a0{{title}}\u00a0»\u00a0: {{update}}",
    major_resolved: "L’incident majeur «\u00a0{{title}}\u00a0» est résolu",
    ticket_merged: "{{number}} «\u00a0{{title}}\u00a0» a été fusionné dans {{into}}\u00a0: suivez-le là-bas",
    asset_warranty: "Garanties qui se terminent d’ici {{days}}\u00a0jours ({{count}})\u00a0: {{tags}}",
    approval_requested: "{{name}} demande votre approbation\u00a0: «\u00a0{{item}}\u00a0» ({{number}})",
    request_approved: "{{name}} a approuvé {{number}} «\u00a0{{title}}\u00a0»",
    request_rejected: "{{name}} n’a pas approuvé {{number}} «\u00a0{{title}}\u00a0»\u00a0: elle est close",
    survey_low_score: "{{name}} a noté {{number}} «\u00a0{{title}}\u00a0» {{score}}/5\u00a0: une note de satisfaction basse",
  },
  unknown: "{{kind}} · {{number}}",
  targets: { response: "première réponse", resolution: "résolution" },
  prefs: {
    title: "Notifications",
    help: "Les dépassements de délai et les tickets escaladés vers vous vous parviennent toujours. Ceux-ci peuvent être désactivés\u00a0; chacun arrive dans la cloche et par e-mail.",
    save: "Enregistrer les préférences de notification",
    kinds: {
      sla_warning: "Alertes de délai\u00a0: un ticket que je traite a consommé {{percent}}\u00a0% de son délai de réponse ou de résolution",
      stale_digest: "Un récapitulatif des tickets que je suis restés sans activité",
      unassigned: "Les tickets en attente dans mon groupe sans personne assignée",
      ticket_closed: "Mes tickets clôturés par le support",
    },
  },
};
