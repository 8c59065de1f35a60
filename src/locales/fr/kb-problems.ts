import type { Shape } from "../shape";
import type { kbProblems as en } from "../en/kb-problems";

// Known-error articles published from a problem's workaround.
export const kbProblems: Shape<typeof en> = {
  article: {
    title: "Erreur connue\u00a0: {{title}}",
    symptoms: "Symptômes",
    workaround: "Solution de contournement",
    status: "État",
    status_text: "C’est une erreur connue. La solution de contournement ci-dessus vous permet de continuer pendant que l’on prépare une correction définitive\u00a0; cet article indiquera quand elle sera en place.",
  },
  heading: "Base de connaissances",
  publish: "Publier le contournement comme article d’erreur connue",
  update: "Mettre à jour l’article d’erreur connue",
  help: "L’article reprend la description, le contournement et l’état\u00a0; publié de nouveau, il reçoit une nouvelle révision.",
  audience: "Qui peut le lire",
  audiences: { everyone: "Tout le monde (les employés aussi)", agents: "Les techniciens seulement" },
  last_published: "dernière publication le {{when}}",
  not_published: "non publié",
  flash: { created: "L’article d’erreur connue est publié.", updated: "L’article d’erreur connue est à jour." },
  errors: { no_workaround: "Publiez d’abord un contournement\u00a0: l’article est fait à partir de lui." },
};
