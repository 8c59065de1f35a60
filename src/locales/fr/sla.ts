import type { Shape } from "../shape";
import type { sla as en } from "../en/sla";

/** French strings of the SLA: the same keys as en/sla.ts. */
export const sla: Shape<typeof en> = {
  col: "SLA",
  sort: "Tri", sort_priority: "Priorité, puis ancienneté", sort_due: "Échéance la plus proche",
  state: { on_track: "Dans les temps", at_risk: "À risque", breached: "Dépassé", paused: "En pause", met: "Respecté" },
  target_response: "Première réponse", target_resolution: "Résolution",
  due_at: "échéance {{when}}",
  panel: {
    title: "Niveau de service", policy: "Politique {{priority}} · {{calendar}}",
    response: "Première réponse", resolution: "Résolution", target: "Objectif", due: "Échéance", done: "Fait", elapsed_value: "{{value}} écoulées", elapsed: "Écoulé (temps ouvré)",
    paused_since: "En pause depuis le {{when}}\u00a0: l’horloge ne tourne pas tant que le ticket est en attente.", not_yet: "pas encore",
    timeline: "Horloge", minutes: "{{value}}\u00a0min", hours: "{{value}}\u00a0h",
    kinds: { start: "Horloge démarrée", pause: "Horloge en pause", resume: "Horloge relancée", stop: "Horloge arrêtée" },
    reasons: { created: "ticket créé", pending: "en attente", resumed: "fin de l’attente", reopened: "rouvert", resolved: "résolu", closed: "clos" },
  },
  history: { pending_timeout: "résolu automatiquement\u00a0: pas de réponse du demandeur", auto_closed: "clos automatiquement\u00a0: le demandeur n’a pas répondu", resolution_breached: "escaladé automatiquement\u00a0: objectif de résolution dépassé", with_major: "résolu avec son incident majeur", with_problem: "résolu avec son problème" },
  admin: {
    title: "Niveaux de service (SLA)", intro: "Une politique par priorité\u00a0: les objectifs de première réponse et de résolution, comptés en temps ouvré d’un calendrier. Modifier une politique ou un calendrier recalcule les échéances des tickets ouverts concernés\u00a0; le temps passé en attente est conservé.",
    policies: "Politiques", priority: "Priorité", calendar: "Calendrier", response_minutes: "Première réponse (minutes)", resolution_minutes: "Résolution (minutes)",
    auto_escalate: "En cas de dépassement", auto_escalate_label: "Escalader au niveau suivant", minutes_help: "En minutes ouvrées du calendrier\u00a0: 60 = 1\u00a0heure\u00a0; avec 08:00-18:00, 600 = un jour ouvré.",
    save_policies: "Enregistrer les politiques", calendars: "Calendriers", always_open: "24\u00a0h/24, 7\u00a0j/7", new_calendar: "Nouveau calendrier", create_calendar: "Créer le calendrier",
    calendar_title: "Calendrier {{name}}", calendar_name: "Nom", timezone: "Fuseau horaire", timezone_help: "Nom IANA, par exemple Europe/Paris ou America/New_York.",
    hours: "Heures ouvrées", hours_help: "Par jour, des plages comme 08:00-12:00, 13:30-18:00\u00a0; vide = fermé.",
    weekdays: { d0: "Dimanche", d1: "Lundi", d2: "Mardi", d3: "Mercredi", d4: "Jeudi", d5: "Vendredi", d6: "Samedi" },
    save_calendar: "Enregistrer le calendrier", holidays: "Jours fériés", holidays_ignored: "Ce calendrier tourne 24\u00a0h/24\u00a0: les jours fériés ne l’arrêtent pas.",
    day: "Date", holiday_name: "Nom", remove: "Supprimer", remove_label: "Supprimer le jour férié du {{day}}", no_holidays: "Aucun jour férié.", add_holiday: "Ajouter le jour férié",
  },
  errors: {
    minutes: "Entre 1\u00a0minute et un an.", response_after_resolution: "La première réponse doit être due avant la résolution.",
    timezone: "Ce n’est pas un fuseau horaire (utilisez un nom comme Europe/Paris).", hours: "Utilisez des plages comme 08:00-12:00, 13:30-18:00.",
    overlap: "Une plage doit commencer avant de finir, sans chevaucher les autres.", never_open: "Un calendrier doit être ouvert à un moment de la semaine.",
    day: "Saisissez une date comme 2026-12-25.", holiday_taken: "Cette date est déjà un jour férié.", calendar_name_taken: "Un autre calendrier porte ce nom.",
  },
  flash: {
    policies_saved: "Politiques SLA enregistrées\u00a0; {{count}}\u00a0tickets ouverts recalculés.", calendar_saved: "Calendrier {{name}} enregistré.",
    holiday_added: "Jour férié {{day}} ajouté.", holiday_removed: "Jour férié {{day}} supprimé.",
  },
};
