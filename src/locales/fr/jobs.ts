import type { Shape } from "../shape";
import type { jobs as en } from "../en/jobs";

/** French strings of the jobs pages: the same keys as en/jobs.ts. */
// French typography: a no-break space (U+00A0) before : ? ! ; and inside « ».
export const jobs: Shape<typeof en> = {
  title: "Tâches planifiées",
  intro: "Le travail que le serveur fait de lui-même, selon une planification. Les planifications sont des expressions cron lues dans le fuseau {{timezone}}\u00a0; les dates sont affichées dans le vôtre. «\u00a0Lancer maintenant\u00a0» exécute une tâche tout de suite, quelle que soit sa planification.",
  disabled: "Les tâches planifiées sont désactivées dans la configuration (jobs.enabled / JOBS_ENABLED)\u00a0: aucune tâche ne s’exécute d’elle-même. «\u00a0Lancer maintenant\u00a0» et la ligne de commande (job run) fonctionnent toujours.",
  caption: "Tâches enregistrées",
  columns: { job: "Tâche", schedule: "Planification", next: "Prochaine exécution", last: "Dernière exécution", action: "Action", started: "Début", duration: "Durée", trigger: "Déclencheur", outcome: "Issue", result: "Résultat" },
  descriptions: {
    "sla-watch": "Prévient à 75\u00a0% d’un objectif SLA, alerte les superviseurs en cas de dépassement et escalade quand la politique le prévoit.",
    "stale-tickets": "Repère les tickets sans activité publique au-delà du seuil de leur niveau\u00a0: un récapitulatif à qui les traite, puis aux superviseurs.",
    "unassigned-watch": "Signale à chaque groupe ses tickets nouveaux ou escaladés que personne n’a pris à temps.",
    "pending-reminders": "Relance les demandeurs qui n’ont pas répondu, puis résout le ticket pour eux.",
    "auto-close": "Clôt les tickets résolus que le demandeur n’a ni confirmés ni rouverts.",
    "ldap-sync": "Synchronise les comptes avec l’annuaire\u00a0: crée, met à jour et désactive les personnes.",
    "mail-outbox": "Envoie les e-mails en attente dans la file d’envoi et réessaie ceux qui ont échoué.",
    "session-prune": "Supprime les sessions de connexion expirées.",
    "problem-suggest": "Repère les groupes d’incidents récents liés à aucun problème (même catégorie et même équipement, même site ou mots du titre) et les propose comme problèmes suggérés.",
    "asset-warranty": "Prévient les administrateurs, en un seul récapitulatif, des équipements dont la garantie se termine bientôt (30\u00a0jours à l’avance, sauf réglage contraire), une fois par date de garantie.",
  },
  default_schedule: "par défaut\u00a0: {{schedule}}",
  configured: "définie dans la configuration",
  not_scheduled: "non planifiée",
  never: "Jamais exécutée",
  run_now: "Lancer maintenant",
  history_label: "Historique des exécutions de {{name}}",
  back: "Toutes les tâches planifiées",
  triggers: { schedule: "planifiée", manual: "manuelle", cli: "ligne de commande" },
  by: "({{name}})",
  outcomes: { running: "en cours", success: "réussie", failure: "échouée" },
  count: "{{key}}\u00a0: {{value}}",
  counts: { checked: "examinés", warned: "avertis", breached: "dépassés", escalated: "escaladés", stale: "sans activité", toldWorkers: "signalés aux techniciens", toldSupervisors: "signalés aux superviseurs", digests: "récapitulatifs", alerted: "signalés", reminded: "relancés", resolved: "résolus", closed: "clos", held: "retenus", pruned: "purgés", deleted: "supprimés", seen: "lus", created: "créés", updated: "mis à jour", deactivated: "désactivés", unchanged: "inchangés", failed: "en échec", sent: "envoyés", retried: "réessayés", incidents: "incidents lus", found: "groupes trouvés", new: "nouveaux", kept: "conservés", keptDismissed: "écartés conservés", revived: "revenus après avoir été écartés", removed: "retirés", forgotten: "mises à l’écart oubliées" },
  no_counts: "rien à signaler",
  durations: { ms: "{{n}}\u00a0ms", s: "{{n}}\u00a0s", min: "{{m}}\u00a0min {{s}}\u00a0s" },
  in_progress: "en cours",
  interrupted: "Interrompue\u00a0: le processus qui l’exécutait s’est arrêté avant la fin.",
  runs: "{{count}}\u00a0dernières exécutions",
  no_runs: "Cette tâche n’a encore jamais été exécutée.",
  running: "«\u00a0{{name}}\u00a0» est déjà en cours d’exécution (lancée par la planification, un autre administrateur ou la ligne de commande). Réessayez une fois qu’elle sera terminée.",
  flash: {
    done: "«\u00a0{{name}}\u00a0» s’est exécutée avec succès en {{duration}}\u00a0: {{counts}}.",
    failed: "«\u00a0{{name}}\u00a0» a échoué\u00a0: {{error}}",
  },
};
