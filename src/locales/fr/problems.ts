import type { Shape } from "../shape";
import type { problems as en } from "../en/problems";

/** French strings of problem management: the same keys as en/problems.ts. */
export const problems: Shape<typeof en> = {
  title: "Problèmes", known_errors: "Erreurs connues", all: "Tous les problèmes", views: "Listes de problèmes", new: "Nouveau problème", create: "Créer le problème",
  search: "Titre ou contournement", status_label: "Statut", number: "Numéro", empty: "Aucun problème ne correspond.",
  status: { new: "Nouveau", investigating: "En analyse", known_error: "Erreur connue", resolved: "Résolu", closed: "Clos" },
  description: "Description", affected: "Service ou équipement concerné", workaround: "Contournement", resolution: "Résolution (correction définitive)",
  incidents: "Incidents liés ({{count}})", first_started: "Le premier a commencé le {{when}}.", started: "Signalé", no_incidents: "Aucun incident lié pour l’instant.",
  by: { category: "Par catégorie", location: "Par site", department: "Par service" },
  link_label: "Lier un incident (son numéro)", link: "Lier", unlink: "Délier", unlink_label: "Délier {{ticket}}",
  publish_workaround: "Publier un contournement", notify_requesters: "L’envoyer aussi aux demandeurs en réponse publique",
  workaround_help: "Le problème devient une erreur connue\u00a0; chaque incident lié ouvert reçoit le contournement en note interne, de même que les incidents liés ensuite.",
  publish: "Publier le contournement", resolve: "Résoudre le problème", resolve_incidents: "Résoudre avec lui chaque incident lié ouvert",
  search_known_errors: "Chercher dans les erreurs connues", search_button: "Chercher", linking_for: "Rattachement de {{ticket}}\u00a0: choisissez l’erreur connue qui correspond.", back_to: "Retour à {{ticket}}", link_to: "Lier {{ticket}}", unknown: "non renseigné", history: "Historique", open_from_incident: "Ouvrir un problème à partir de cet incident",
  kinds: {
    created: "problème créé", status: "statut\u00a0: {{from}} → {{to}}", field: "modifié", linked: "incident {{to}} lié", unlinked: "incident {{from}} délié",
    workaround: "contournement publié", resolved: "résolu", owner: "responsable\u00a0: {{from}} → {{to}}",
  },
  flash: {
    created: "Problème {{number}} créé.", linked: "{{ticket}} lié.", unlinked: "{{ticket}} délié.",
    workaround: "Contournement publié sur {{count}}\u00a0incidents ouverts.", resolved: "Problème résolu\u00a0; {{count}}\u00a0incidents résolus avec lui.",
  },
  errors: {
    no_such_incident: "Aucun incident ne porte ce numéro.",
    not_incident: "Seuls les incidents peuvent être liés à un problème.",
    already_linked: "Cet incident est déjà lié à {{number}}.",
    problem_closed: "Ce problème est résolu ou clos\u00a0: il ne peut plus changer.",
  },
};
