// The knowledge base: browsing, reading, searching, writing articles (pages and errors).
export const kb = {
  errors: {
    changed: "Quelqu’un d’autre a modifié cet article entre-temps. Rechargez-le pour voir ses changements, puis enregistrez de nouveau les vôtres.",
    too_many_tags: "20 étiquettes au plus.",
    tag_too_long: "Une étiquette compte 40 caractères au plus.",
    date: "Saisissez une date au format AAAA-MM-JJ.",
  },
};
