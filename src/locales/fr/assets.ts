import type { Shape } from "../shape";
import type { assets as en } from "../en/assets";

/** French strings of the inventory: the same keys as en/assets.ts. */
export const assets: Shape<typeof en> = {
  nav: "Parc", title: "Parc informatique", new: "Nouvel équipement", create: "Ajouter l’équipement", edit: "Modifier", edit_title: "Modifier {{tag}}", save: "Enregistrer les modifications",
  export: "Exporter en CSV", import: "Importer", filters: "Filtrer les équipements", search: "Étiquette, nom, n° de série ou modèle", empty: "Aucun équipement ne correspond.",
  owner_me: "moi", owner_filter_help: "Attributaire\u00a0: un identifiant, ou «\u00a0moi\u00a0» pour votre propre matériel.",
  tag_help: "Unique, comme PC-00123\u00a0: lettres, chiffres et . _ - (enregistrée en majuscules).",
  owner_help: "L’identifiant de la personne qui l’a\u00a0; vide\u00a0: personne.", date_help: "AAAA-MM-JJ", choose_type: "Choisir un type",
  record: "Fiche", no_owner: "Personne", history: "Historique", no_history: "Aucune modification enregistrée.", by_who: "par {{name}}", show_text: "Afficher le texte",
  tickets: "Tickets liés ({{count}})", no_tickets: "Aucun ticket sur cet équipement.", opened: "Ouvert le", problems: "Problèmes liés",
  reload: "Ouvrir la version actuelle", recurring: { label: "Récurrent\u00a0:", text: "{{count}} incidents sur les {{days}} derniers jours." },
  fields: {
    tag: "Étiquette", name: "Nom", type: "Type", status: "Statut", owner: "Attributaire", location: "Site", department: "Service",
    manufacturer: "Fabricant", model: "Modèle", serial: "Numéro de série", purchaseDate: "Date d’achat", warrantyEnd: "Fin de garantie",
    notes: "Notes", unknown: "Un champ",
  },
  status: { in_stock: "En stock", in_use: "En service", in_repair: "En réparation", retired: "Réformé" },
  types: {
    laptop: "Ordinateur portable", desktop: "Ordinateur fixe", monitor: "Écran", phone: "Téléphone", tablet: "Tablette", printer: "Imprimante", server: "Serveur",
    network_device: "Équipement réseau", software_licence: "Licence logicielle", peripheral: "Périphérique", other: "Autre",
  },
  warranty: { soon: "Se termine dans les {{days}} jours", expired: "Expirée" },
  kinds: {
    created: "ajouté au parc ({{status}})", status: "statut\u00a0: {{from}} → {{to}}", owner: "attributaire\u00a0: {{from}} → {{to}}",
    field: "{{field}}\u00a0: {{from}} → {{to}}", notes: "notes modifiées", notes_cleared: "notes effacées",
    imported: "importé d’un tableur", assigned: "attribué\u00a0: {{from}} → {{to}}", linked: "ticket {{to}} lié", unlinked: "ticket {{from}} délié",
  },
  flash: { created: "Équipement {{tag}} ajouté.", saved: "Équipement {{tag}} enregistré." },
  errors: {
    forbidden: "Seuls le centre de services et les administrateurs peuvent faire cela dans le parc.",
    tag_taken: "Un autre équipement porte déjà l’étiquette {{tag}}.", tag_format: "Utilisez des majuscules, des chiffres et . _ - uniquement (40 au plus), en commençant par une lettre ou un chiffre.",
    tag_reserved: "Ce mot est une page du parc\u00a0: choisissez une autre étiquette.", date: "Saisissez une date réelle au format AAAA-MM-JJ.",
    owner_unknown: "Aucune personne active n’a cet identifiant.", owner_ambiguous: "Deux comptes partagent cet identifiant\u00a0: demandez à un administrateur.",
    retired_owner: "Un équipement réformé a été rendu\u00a0: il ne peut pas avoir d’attributaire. Remettez-le d’abord en stock ou en service.",
    changed: "{{name}} a modifié cet équipement pendant que vous le modifiiez. Vos modifications ne sont pas enregistrées.",
    type_taken: "Un autre type porte déjà ce nom.", type_name: "Utilisez au moins une lettre ou un chiffre.",
  },
  mine: {
    nav: "Mon matériel", title: "Mon matériel", hint: "Les appareils que l’informatique vous a confiés, et un moyen rapide de signaler un problème.",
    intro: "Le matériel que l’informatique vous a confié. Un souci avec l’un d’eux\u00a0? Signalez-le d’ici\u00a0: le technicien saura de quel appareil il s’agit.",
    empty: "L’informatique n’a aucun matériel enregistré à votre nom. Si c’est une erreur, prévenez le centre de services.",
    open_tickets: "Tickets en cours sur cet appareil", report: "Signaler un problème avec cet appareil",
  },
  types_admin: {
    title: "Types d’équipement", intro: "Les types fournis sont traduits\u00a0; ajoutez les vôtres, renommez-les, ou cessez d’en proposer un (les équipements le gardent).",
    name: "Nom", code: "Code", kind: "Origine", builtin: "Fourni", custom: "Ajouté ici", active: "Proposé", active_label: "Proposé pour les nouveaux équipements",
    new: "Ajouter un type", create: "Ajouter le type", name_help: "Son code (utilisé par les filtres, l’API et les imports) est tiré du nom et ne change plus.",
    edit: "Type d’équipement\u00a0: {{name}}", code_fixed: "Code\u00a0: {{code}} (il ne change pas avec le nom).",
    flash: { created: "Type {{name}} ajouté.", saved: "Type {{name}} enregistré." },
  },
};
