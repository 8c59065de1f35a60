import type { Shape } from "../shape";
import type { links as en } from "../en/links";

/** French strings of merged duplicates, related links and followers: the same keys as en/links.ts. */
export const links: Shape<typeof en> = {
  heading: "Tickets et problèmes liés", none: "Rien de lié pour l’instant.",
  add_label: "Lier un ticket ou un problème (son numéro)", add: "Lier", remove: "Retirer", remove_label: "Retirer le lien vers {{number}}",
  watchers: "Suivi par", reason: { merged: "doublon fusionné", affected: "également touché" },
  merge: {
    heading: "Fusionner comme doublon", into_label: "Fusionner dans (numéro de ticket)", submit: "Fusionner",
    help: "Ce ticket est clos comme doublon et passe en lecture seule. Sa conversation reste lisible sur l’autre ticket, et son demandeur suit ce ticket.",
  },
  merged_into: "Fusionné dans {{number}}",
  merged_into_hint: "Ce ticket est un doublon\u00a0: il est clos et en lecture seule. Suivez plutôt {{number}}.",
  merged_from: "Doublons fusionnés dans ce ticket",
  from: "de {{number}}", source_description: "Description de {{number}}",
  following: "Vous suivez ce ticket",
  following_hint: "Vous recevez ses mises à jour publiques. Seuls son demandeur et le support peuvent agir dessus.",
  followed: "Tickets que je suis",
  resolution: "Doublon de {{into}}\u00a0: ce ticket y a été fusionné.",
  problem_related: "Tickets liés ({{count}})", problem_none: "Aucun ticket n’est lié à ce problème.",
  errors: {
    bad_number: "Saisissez un numéro de ticket comme INC-000123.",
    bad_problem_number: "Saisissez un numéro de problème comme PRB-000042.",
    bad_link_number: "Saisissez un numéro de ticket (INC-000123) ou de problème (PRB-000042).",
    one_of: "Indiquez soit un ticket, soit un problème.",
    target_not_found: "Il n’y a pas de ticket {{number}} que vous puissiez voir.",
    problem_not_found: "Il n’y a pas de problème {{number}}.",
    merge_self: "Un ticket ne peut pas être fusionné dans lui-même.",
    merge_type: "Un doublon se fusionne dans un ticket du même type (un incident dans un incident, une demande dans une demande).",
    merge_major: "Un incident majeur ne peut pas être fusionné dans un autre ticket.",
    merge_into_major: "{{into}} est un incident majeur\u00a0: on n’y fusionne rien. Rattachez-y plutôt cet incident comme incident enfant.",
    source_closed: "Ce ticket est clos\u00a0: il ne peut plus être fusionné.",
    merged: "Ce ticket a été fusionné dans {{into}}\u00a0: il est en lecture seule. Suivez plutôt {{into}}.",
    target_closed: "{{into}} est clos\u00a0: choisissez un ticket encore ouvert.",
    target_merged: "{{into}} a lui-même été fusionné dans {{target}}\u00a0: fusionnez dans {{target}}.",
    relate_self: "Un ticket ne peut pas être lié à lui-même.",
    watcher: "Vous suivez ce ticket\u00a0: vous pouvez le lire, mais seuls son demandeur et le support peuvent agir dessus.",
  },
};
