import type { Shape } from "../shape";
import type { surveys as en, surveysMail as enMail } from "../en/surveys";

// Satisfaction surveys: the rating pages, the alert of a low score.
export const surveys: Shape<typeof en> = {
  title: "Qu’avez-vous pensé de notre aide\u00a0?",
  scores: {
    1: "Très insatisfait", 2: "Insatisfait", 3: "Ni satisfait ni insatisfait", 4: "Satisfait", 5: "Très satisfait",
  },
  score: "{{score}}/5 — {{label}}",
  form: {
    question: "Êtes-vous satisfait de la façon dont nous l’avons traité\u00a0?",
    comment: "Quelque chose à ajouter\u00a0? (facultatif)",
    comment_help: "Le centre de services le lit.",
    send: "Envoyer ma note",
    save: "Enregistrer mes changements",
  },
  link: {
    about: "À propos de votre ticket {{number}} «\u00a0{{title}}\u00a0».",
    thanks_title: "Merci",
    thanks: "Votre note pour {{number}} est enregistrée\u00a0: {{score}}.",
    thanks_comment: "Votre note pour {{number}} et votre commentaire sont enregistrés\u00a0: {{score}}.",
    change_until: "Vous pouvez la changer ou ajouter un commentaire jusqu’au {{date}}.",
    locked: "Une note peut être changée pendant 24\u00a0heures après la première réponse\u00a0: celle-ci ne peut plus l’être.",
    invalid_title: "Ce lien n’est pas valide",
    invalid: "Le lien est incomplet ou a été modifié. Ouvrez à nouveau le courriel, ou connectez-vous à Niveau pour noter le ticket sur sa page.",
    expired_title: "Ce lien a expiré",
    expired: "Les liens de notation fonctionnent {{days}}\u00a0jours. Connectez-vous à Niveau pour noter le ticket sur sa page.",
    sign_in: "Se connecter et noter {{number}}",
    reopened_title: "Ce ticket n’est plus résolu",
    reopened: "{{number}} a été rouvert\u00a0: le centre de services y travaille à nouveau. Vous pourrez le noter une fois qu’il sera résolu.",
    home: "Aller sur Niveau",
  },
  portal: {
    intro: "Notez la façon dont nous avons traité ce ticket\u00a0: cela aide le centre de services à s’améliorer.",
    current: "Votre note\u00a0: {{score}}.",
    sent_on: "Envoyée le {{date}}.",
    can_change: "Vous pouvez la changer jusqu’au {{date}}.",
    locked: "Elle ne peut plus être changée.",
  },
  panel: {
    title: "Satisfaction",
    none: "Pas encore noté.",
    answered: "Noté le {{date}}",
    changed: "changé le {{date}}",
    low: "Note basse",
    no_comment: "Pas de commentaire.",
    reopen: "Rouvrir",
    reopen_reason: "Motif de la réouverture",
    reopen_default: "Note de satisfaction basse ({{score}}/5)",
    reach_out: "Reprendre contact",
    reach_out_hint: "Ouvre la réponse publique avec une première phrase pour le demandeur.",
    reach_out_text: "Bonjour {{name}}, merci pour votre retour sur {{number}}. Je regrette que le résultat n’ait pas répondu à vos attentes\u00a0: pourriez-vous me dire ce qui n’a pas été, pour que nous puissions y remédier\u00a0?",
    follow_up_hint: "Un ticket clos ne reçoit plus de réponse\u00a0: ceci ouvre un ticket de suivi pour {{name}}, qui vous est attribué, la réponse déjà commencée.",
  },
  follow_up: {
    title: "Suivi\u00a0: {{title}}",
    description: "{{name}} a noté {{number}} «\u00a0{{title}}\u00a0» {{score}}/5 ({{label}}) après sa clôture. Ce ticket sert à reprendre contact à ce sujet.",
    comment: "Son commentaire\u00a0:",
    no_comment: "Sans commentaire.",
  },
  note: "Enquête de satisfaction\u00a0: {{score}}/5 — {{comment}}",
  note_plain: "Enquête de satisfaction\u00a0: {{score}}/5",
  errors: {
    score: "Choisissez une note de 1 à 5.",
    locked: "Cette note ne peut plus être changée\u00a0: une note peut être changée pendant 24\u00a0heures après la première réponse.",
    not_resolved: "Ce ticket n’est pas résolu\u00a0: il pourra être noté une fois résolu.",
    not_closed: "Ce ticket n’est pas clos\u00a0: reprenez contact avec le demandeur sur le ticket lui-même.",
    requester_unavailable: "Le compte du demandeur ne peut pas recevoir de nouveau ticket (désactivé, ou son identifiant est partagé avec un autre compte)\u00a0: contactez-le autrement.",
    forbidden: "Seul un superviseur donne suite à une note de satisfaction basse.",
  },
  flash: {
    saved: "Merci\u00a0: votre note est enregistrée.",
    follow_up: "Le ticket de suivi {{number}} est créé et vous est attribué\u00a0: votre réponse au demandeur est commencée ci-dessous.",
  },
};

// the survey's part of the resolution email and the low-score alert
export const surveysMail: Shape<typeof enMail> = {
  survey: {
    question: "Qu’avez-vous pensé de notre aide\u00a0?",
    intro: "Un clic suffit pour noter la façon dont nous avons traité ce ticket\u00a0:",
    hint: "Chaque choix ouvre une page où vous pouvez ajouter un commentaire. Les liens fonctionnent {{days}}\u00a0jours.",
  },
  "survey-low-score": {
    subject: "[{{number}}] Note de satisfaction basse ({{score}}/5)\u00a0: {{title}}",
    body: "{{name}} a noté {{number}} «\u00a0{{title}}\u00a0» {{score}}/5 ({{label}}).",
    comment: "Son commentaire\u00a0:",
    next: "Rouvrez le ticket ou reprenez contact avec cette personne depuis sa page.",
    open: "Ouvrir le ticket",
  },
};
