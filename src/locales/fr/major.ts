import type { Shape } from "../shape";
import type { major as en, majorMail as enMail } from "../en/major";

/** French strings of major incidents: the same keys as en/major.ts. */
export const major: Shape<typeof en> = {
  badge: "Incident majeur",
  attached_badge: "rattaché à {{number}}",
  latest: "Dernier point ({{when}})\u00a0:",
  no_update: "L’informatique y travaille. Les points d’avancement seront publiés ici.",
  follow: "Je suis aussi concerné",
  follow_hint: "Vous serez prévenu de chaque point d’avancement et de la résolution\u00a0: inutile de le signaler vous-même.",
  unfollow: "Je ne suis plus concerné",
  all_updates: "Voir tous les points d’avancement",
  banner: { aware: "L’informatique connaît ce problème et y travaille." },
  standing: {
    mine: "Vous avez signalé cet incident.",
    child: "Votre ticket {{number}} y est rattaché\u00a0: ses points d’avancement vous parviennent par lui.",
    following: "Vous suivez cet incident\u00a0: vous serez prévenu de ses points d’avancement.",
  },
  child: {
    heading: "Fait partie d’un incident plus large\u00a0: «\u00a0{{title}}\u00a0»",
    heading_staff: "Rattaché à l’incident majeur «\u00a0{{title}}\u00a0»",
    explain: "D’autres personnes ont le même problème et l’informatique y travaille. Ses points d’avancement vous parviennent ici, et votre ticket sera résolu avec lui.",
  },
  page: {
    open: "L’informatique connaît ce problème et y travaille. Les points d’avancement sont publiés ci-dessous.",
    resolved: "Cet incident est résolu. Si quelque chose ne fonctionne toujours pas chez vous, signalez-le depuis le portail.",
    resolution: "Ce qui a été fait\u00a0:", updates: "Points d’avancement, du plus récent au plus ancien", it: "Support informatique", desk: "Ouvrir {{number}} dans le bureau",
  },
  proposal: {
    heading: "Cela ressemble à «\u00a0{{title}}\u00a0»",
    text: "L’informatique connaît déjà ce problème et y travaille. Plutôt qu’un nouveau ticket, vous pouvez le suivre et être prévenu de chaque point d’avancement.",
    create: "Non, créer mon ticket",
    files: "Les pièces jointes choisies n’ont pas été conservées\u00a0: si vous créez votre ticket, choisissez-les à nouveau.",
  },
  panel: {
    heading: "Incident majeur", mark: "Déclarer incident majeur", attach_to: "Rattacher à un incident majeur", attach: "Rattacher",
    public_title: "Titre public (ce que voient les employés)", public_title_help: "Des mots simples, sans détail interne. Vide\u00a0: le titre du ticket.",
    edit_title: "Modifier le titre public", shown_as: "Les employés voient\u00a0:", public_page: "page publique",
    counts: "Incidents rattachés\u00a0: {{children}} · personnes concernées qui le suivent\u00a0: {{followers}}",
    attach_label: "Rattacher des incidents (leurs numéros, séparés par des espaces ou des virgules)",
    detach: "Détacher", detach_label: "Détacher {{number}}", detach_self: "Détacher de {{number}}", more: "… et {{count}} de plus.",
    hidden: "… et {{count}} de plus, que vous ne pouvez pas ouvrir.",
    unmark: "N’est plus un incident majeur", unmark_hint: "Pour le retirer, détachez d’abord ses incidents.",
  },
  history: {
    marked: "déclaré incident majeur, présenté aux employés comme «\u00a0{{title}}\u00a0»",
    unmarked: "n’est plus un incident majeur",
    retitled: "titre public de l’incident majeur\u00a0: «\u00a0{{from}}\u00a0» → «\u00a0{{to}}\u00a0»",
    attached: "rattaché à l’incident majeur {{number}}",
    detached: "détaché de l’incident majeur {{number}}",
    child_attached: "incident {{number}} rattaché",
    child_detached: "incident {{number}} détaché",
  },
  flash: {
    following: "Vous suivez «\u00a0{{title}}\u00a0»\u00a0: vous serez prévenu de ses points d’avancement. Aucun ticket n’a été créé.",
    unfollowed: "Vous ne suivez plus «\u00a0{{title}}\u00a0».",
    attached: "Incidents rattachés\u00a0: {{count}}.",
    detached: "{{number}} détaché.",
  },
  fields: {
    not_incident: "Seuls les incidents peuvent être majeurs ou rattachés à l’un d’eux.",
    not_major: "Ce n’est pas un incident majeur.",
    self: "Un ticket ne peut pas être rattaché à lui-même.",
    child_is_major: "Un incident majeur ne peut pas être rattaché à un autre.",
    no_such_incident: "Aucun incident ne porte ce numéro.",
    bad_numbers: "Saisissez des numéros d’incident comme INC-000123, séparés par des espaces ou des virgules.",
    too_many: "Trop d’incidents à la fois.",
  },
  errors: {
    not_incident: "{{number}} est une demande\u00a0: seuls les incidents peuvent être majeurs ou rattachés à l’un d’eux.",
    not_major: "{{number}} n’est pas un incident majeur.",
    parent_closed: "L’incident majeur {{number}} est résolu ou clos\u00a0: on ne peut plus rien y rattacher ni le suivre.",
    already_attached: "{{number}} est déjà rattaché à {{parent}}\u00a0: détachez-le d’abord.",
    self: "{{number}} ne peut pas être rattaché à lui-même.",
    child_is_major: "{{number}} est lui-même un incident majeur\u00a0: il ne peut pas être rattaché à un autre.",
    child_closed: "{{number}} est résolu ou clos\u00a0: seuls les incidents ouverts peuvent être rattachés.",
    is_child: "Cet incident est rattaché à {{number}}\u00a0: détachez-le d’abord pour le déclarer incident majeur.",
    has_children: "Des incidents y sont encore rattachés ({{count}})\u00a0: détachez-les d’abord.",
    no_such_incident: "Aucun incident ne porte le numéro {{number}}.",
    bad_numbers: "«\u00a0{{value}}\u00a0» n’est pas un numéro d’incident (comme INC-000123).",
    too_many: "Au plus {{max}}\u00a0incidents à la fois.",
    not_attached: "{{number}} n’est rattaché à aucun incident majeur.",
  },
};

export const majorMail: Shape<typeof enMail> = {
  "major-update": {
    subject: "Incident majeur, point d’avancement\u00a0: {{title}}",
    body: "L’informatique a publié un point d’avancement sur «\u00a0{{title}}\u00a0», qui vous concerne d’après vous\u00a0:",
    open: "Voir tous les points d’avancement",
    why: "Vous recevez ce message parce que vous avez cliqué sur «\u00a0Je suis aussi concerné\u00a0». Vous pouvez arrêter depuis la page de l’incident.",
  },
  "major-resolved": {
    subject: "Résolu\u00a0: {{title}}",
    body: "L’incident majeur «\u00a0{{title}}\u00a0» est résolu.",
    solution: "Ce qui a été fait\u00a0:",
    open: "Voir l’incident",
    again: "Si quelque chose ne fonctionne toujours pas chez vous, signalez-le depuis le portail.",
  },
};
