import type { Shape } from "../shape";
import type { kbDesk as en } from "../en/kb-desk";

// The knowledge base at work: suggestions while writing a ticket, the article panel of a ticket.
export const kbDesk: Shape<typeof en> = {
  suggest: {
    heading: "Ces articles répondent peut-être à votre question",
    hint: "Si l’un d’eux résout votre problème, inutile d’envoyer le formulaire.",
    solved: "Cela a résolu mon problème",
    search_button: "Chercher dans la base de connaissances",
    search_help: "Voir les articles qui correspondent à ce que vous avez écrit, sans rien envoyer.",
    none: "Aucun article ne correspond à ce que vous avez écrit. Envoyez le formulaire et un technicien vous aidera.",
  },
  solved: {
    title: "Tant mieux",
    lead: "Tant mieux, c’est réglé — aucun ticket n’a été créé.",
    body: "Si le problème revient, vous pouvez le signaler à tout moment.",
    article: "Relire l’article",
    portal: "Retour au portail",
  },
  panel: {
    heading: "Base de connaissances",
    search_label: "Chercher un article",
    search_button: "Chercher",
    no_results: "Aucun article publié ne correspond.",
    results: "Résultats",
    linked: "Liés à ce ticket",
    none_linked: "Aucun article lié.",
    link: "Lier",
    link_label: "Lier «\u00a0{{title}}\u00a0» au ticket",
    unlink: "Délier",
    unlink_label: "Délier «\u00a0{{title}}\u00a0»",
    insert_link: "Insérer le lien",
    insert_content: "Insérer le contenu",
    no_link_hint: "Techniciens seulement\u00a0: le demandeur ne pourrait pas ouvrir un lien vers cet article.",
    solved: "L’a résolu",
    draft: "Créer un article à partir de ce ticket",
    draft_help: "Un brouillon pour les techniciens, sans les données personnelles du demandeur.",
  },
  resolve: {
    solved_with: "Résolu grâce à cet article",
    none: "Aucun",
  },
  draft: { problem: "Problème", solution: "Solution", requester: "[demandeur]", email: "[e-mail]", phone: "[téléphone]" },
  history: {
    linked: "a lié l’article «\u00a0{{title}}\u00a0»",
    unlinked: "a délié l’article «\u00a0{{title}}\u00a0»",
    solved: "l’a résolu grâce à l’article «\u00a0{{title}}\u00a0»",
  },
  flash: {
    linked: "Article lié au ticket.",
    unlinked: "Article délié du ticket.",
    drafted: "Brouillon créé à partir du ticket. Relisez-le avant de le publier.",
  },
  errors: {
    not_linked: "Choisissez l’un des articles liés à ce ticket.",
    not_published: "Seul un article publié peut être lié à un ticket.",
    link_not_public: "Le demandeur ne pourrait pas ouvrir cet article\u00a0: insérez plutôt son contenu.",
    insert_not_published: "Seul un article publié peut être inséré dans une réponse.",
    insert_not_found: "Cet article est introuvable\u00a0: rien n’a été inséré dans la réponse.",
  },
};
